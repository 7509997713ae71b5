using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// /_emulator/faults (loopback callers only):
/// GET → {"plan": FaultPlan|null, "injected": [{route, kind, method, path, time}]};
/// POST (JSON FaultPlan) → replaces the plan, restarting its counters; DELETE → removes the plan.
/// DELETE /_emulator/faults/injected clears the injected-fault log.
/// FaultPlan JSON: {"seed": 1, "rules": [{"route": "create", "kind": "Status503", "probability": 1, "first_n": 2,
/// "skip_first": 0, "after_bytes": null, "delay_ms": null, "retry_after_seconds": 1}]}. Names are matched ignoring
/// case and underscores (firstN, FirstN and first_n all work); kind is the FaultKind name or its number; "delay" may also
/// be a TimeSpan string.
/// </summary>
internal sealed class FaultAdminEndpoints(FaultInjector faults)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/faults", AdminRoute.LoopbackOnly(c => Json.WriteAsync(c, 200, new JsonObject
        {
            ["plan"] = faults.Current is { } plan ? ToJson(plan) : null,
            ["injected"] = new JsonArray(faults.Injected.Select(f => (JsonNode?)new JsonObject
            {
                ["route"] = f.Route,
                ["kind"] = f.Kind.ToString(),
                ["method"] = f.Method,
                ["path"] = f.Path,
                ["time"] = f.Time.ToUnixTimeMilliseconds(),
            }).ToArray()),
        })));
        app.MapPost("/_emulator/faults", AdminRoute.LoopbackOnly(async c =>
        {
            try
            {
                var body = (await RequestReading.ReadObjectAsync(c, optional: false))!.Value;
                FaultPlan plan;
                try
                {
                    plan = Parse(body);
                    plan.Validate();
                }
                catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or OverflowException)
                {
                    throw ApiErrors.Validation(e.Message);
                }
                faults.Set(plan);
                await Json.WriteAsync(c, 200, ToJson(plan));
            }
            catch (ApiException e)
            {
                await Json.WriteErrorAsync(c, e);
            }
        }));
        app.MapDelete("/_emulator/faults", AdminRoute.LoopbackOnly(c =>
        {
            faults.Set(null);
            return Json.WriteAsync(c, 200, new JsonObject());
        }));
        app.MapDelete("/_emulator/faults/injected", AdminRoute.LoopbackOnly(c =>
        {
            faults.ClearInjected();
            return Json.WriteAsync(c, 200, new JsonObject());
        }));
    }

    private static string Norm(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    internal static FaultPlan Parse(JsonElement body)
    {
        var plan = new FaultPlan();
        foreach (var p in body.EnumerateObject())
        {
            switch (Norm(p.Name))
            {
                case "seed": plan.Seed = p.Value.GetInt32(); break;
                case "rules":
                    if (p.Value.ValueKind != JsonValueKind.Array) throw new ArgumentException("rules must be an array");
                    plan.Rules = p.Value.EnumerateArray().Select(ParseRule).ToList();
                    break;
                default: throw new ArgumentException($"unknown FaultPlan field '{p.Name}'");
            }
        }
        return plan;
    }

    private static FaultRule ParseRule(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new ArgumentException("each rule must be an object");
        var rule = new FaultRule();
        foreach (var p in e.EnumerateObject())
        {
            var v = p.Value;
            var isNull = v.ValueKind == JsonValueKind.Null;
            switch (Norm(p.Name))
            {
                case "route": rule.Route = v.GetString() ?? throw new ArgumentException("route must be a string"); break;
                case "kind":
                    if (v.ValueKind == JsonValueKind.Number) rule.Kind = (FaultKind)v.GetInt32();
                    else if (!Enum.TryParse(v.GetString(), ignoreCase: true, out FaultKind kind) || int.TryParse(v.GetString(), out _))
                        throw new ArgumentException($"unknown fault kind '{v}'");
                    else rule.Kind = kind;
                    break;
                case "probability": rule.Probability = v.GetDouble(); break;
                case "firstn": rule.FirstN = isNull ? null : v.GetInt32(); break;
                case "skipfirst" or "skip": rule.SkipFirst = isNull ? 0 : v.GetInt32(); break;
                case "afterbytes": rule.AfterBytes = isNull ? null : v.GetInt32(); break;
                case "delayms": rule.Delay = isNull ? null : TimeSpan.FromMilliseconds(v.GetDouble()); break;
                case "delay":
                    rule.Delay = isNull ? null
                        : v.ValueKind == JsonValueKind.Number ? TimeSpan.FromMilliseconds(v.GetDouble())
                        : TimeSpan.Parse(v.GetString()!, CultureInfo.InvariantCulture);
                    break;
                case "retryafterseconds" or "retryafter": rule.RetryAfterSeconds = v.GetInt32(); break;
                default: throw new ArgumentException($"unknown FaultRule field '{p.Name}'");
            }
        }
        return rule;
    }

    internal static JsonObject ToJson(FaultPlan plan) => new()
    {
        ["seed"] = plan.Seed,
        ["rules"] = new JsonArray(plan.Rules.Select(r => (JsonNode?)new JsonObject
        {
            ["route"] = r.Route,
            ["kind"] = r.Kind.ToString(),
            ["probability"] = r.Probability,
            ["first_n"] = r.FirstN,
            ["skip_first"] = r.SkipFirst,
            ["after_bytes"] = r.AfterBytes,
            ["delay_ms"] = r.Delay is { } d ? d.TotalMilliseconds : null,
            ["retry_after_seconds"] = r.RetryAfterSeconds,
        }).ToArray()),
    };
}
