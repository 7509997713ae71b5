using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// POST /_emulator/throttle {"perSecond": 5} switches the per-project rate limit on ({"perSecond": null} off;
/// 0 = throttle everything); GET /_emulator/throttle shows it. Loopback callers only, like the other admin routes.
/// </summary>
internal sealed class ThrottleAdminEndpoints(EmulatorServices s)
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/_emulator/throttle", AdminRoute.LoopbackOnly(c => Json.WriteAsync(c, 200, Current())));
        app.MapPost("/_emulator/throttle", AdminRoute.LoopbackOnly(async c =>
        {
            try
            {
                var body = (await RequestReading.ReadObjectAsync(c, optional: false))!.Value;
                if (!body.TryGetProperty("perSecond", out var value))
                    throw ApiErrors.Validation("perSecond is required (a number of requests per second, or null)");
                int? perSecond = value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number when value.TryGetInt32(out var n) && n >= 0 => n,
                    _ => throw ApiErrors.Validation("perSecond must be a non-negative integer or null"),
                };
                s.Options.RateLimitPerSecond = perSecond;
                s.RateLimiter.Reset();
                await Json.WriteAsync(c, 200, Current());
            }
            catch (ApiException e)
            {
                await Json.WriteErrorAsync(c, e);
            }
        }));
    }

    private JsonObject Current() => new() { ["perSecond"] = s.Options.RateLimitPerSecond };

}
