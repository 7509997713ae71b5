using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// /_emulator/...: inspection for tests that run the emulator as a process. No auth, loopback callers only.
/// Credentials never appear: X-Auth-Token / Authorization / X-Security-Token values and the Signature query value
/// are replaced with "***".
/// </summary>
internal sealed class AdminEndpoints(EmulatorServices s)
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "X-Auth-Token", "Authorization", "X-Security-Token", "Cookie",
    };

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/requests", AdminRoute.LoopbackOnly(c => Json.WriteAsync(c, 200,
            new JsonArray(s.Recorder.Snapshot().Select(r => (JsonNode?)Request(r)).ToArray()))));
        app.MapDelete("/_emulator/requests", AdminRoute.LoopbackOnly(c =>
        {
            s.Recorder.Clear();
            return Json.WriteAsync(c, 200, new JsonObject());
        }));
        app.MapGet("/_emulator/jobs", AdminRoute.LoopbackOnly(c => Json.WriteAsync(c, 200,
            new JsonArray(s.Jobs.Snapshot().Select(j => (JsonNode?)JobJson.Info(j).Put("project_id", j.ProjectId)).ToArray()))));
        app.MapGet("/_emulator/objects", AdminRoute.LoopbackOnly(c => Json.WriteAsync(c, 200,
            new JsonArray(s.Objects.Snapshot().Select(o => (JsonNode?)new JsonObject
            {
                ["bucket"] = o.Bucket,
                ["key"] = o.Key,
                ["size"] = o.Size,
                ["md5"] = o.Md5Hex,
                ["content_type"] = o.ContentType,
                ["file_path"] = o.FilePath,
                ["last_modified"] = o.LastModified.ToUnixTimeMilliseconds(),
            }).ToArray()))));
        // Test hook for out-of-process use: force a job's state. Body {"state": "...", "job_failed_code"?, "job_failed_reason"?}.
        app.MapPost("/_emulator/jobs/{job_id}/state", AdminRoute.LoopbackOnly(async c =>
        {
            try
            {
                var body = (await RequestReading.ReadObjectAsync(c, optional: false))!.Value;
                var state = RequestReading.String(body, "state");
                if (state is null || !JobStates.All.Contains(state)) throw ApiErrors.Validation("state must be a JobState value");
                var ok = s.Jobs.Force((string)c.Request.RouteValues["job_id"]!, state,
                    RequestReading.String(body, "job_failed_code"), RequestReading.String(body, "job_failed_reason"));
                if (!ok) throw ApiErrors.JobNotFound((string)c.Request.RouteValues["job_id"]!);
                await Json.WriteAsync(c, 200, new JsonObject());
            }
            catch (ApiException e)
            {
                await Json.WriteErrorAsync(c, e);
            }
        }));
    }

    private static JsonObject Request(RecordedRequest r)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in r.Headers) headers[name] = SecretHeaders.Contains(name) ? "***" : value;
        return new JsonObject
        {
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["query_string"] = RedactQuery(r.QueryString),
            ["headers"] = headers,
            ["body"] = r.Body,
            ["status_code"] = r.StatusCode,
        };
    }

    private static string RedactQuery(string query)
    {
        if (query.Length == 0) return query;
        var parts = query.TrimStart('?').Split('&').Select(p =>
            p.StartsWith("Signature=", StringComparison.OrdinalIgnoreCase) || p.StartsWith("x-obs-security-token=", StringComparison.OrdinalIgnoreCase)
                ? p[..(p.IndexOf('=') + 1)] + "***"
                : p);
        return "?" + string.Join('&', parts);
    }
}
