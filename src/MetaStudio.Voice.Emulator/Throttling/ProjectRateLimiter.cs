using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Per-project rate limit of the MetaStudio REST routes: fixed 1-second windows of the emulator clock
/// (<see cref="EmulatorOptions.TimeProvider"/>), so a manual clock makes it fully deterministic. The limit is read from
/// <see cref="EmulatorOptions.RateLimitPerSecond"/> on every request (null = off). Refused requests do not count.
/// </summary>
internal sealed class ProjectRateLimiter(EmulatorOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (long Window, int Count)> _windows = new(StringComparer.Ordinal);

    /// <summary>Counts the request, or sets Retry-After: 1 and throws 429 APIGW.0308 when the window is full.</summary>
    public void Acquire(HttpContext context, string projectId)
    {
        if (options.RateLimitPerSecond is not { } limit) return;
        var window = options.TimeProvider.GetUtcNow().UtcTicks / TimeSpan.TicksPerSecond;
        lock (_gate)
        {
            var (current, count) = _windows.GetValueOrDefault(projectId);
            if (current != window) count = 0;
            if (count >= limit)
            {
                context.Response.Headers.RetryAfter = "1";
                throw AuthErrors.Throttled();
            }
            _windows[projectId] = (window, count + 1);
        }
    }

    public void Reset()
    {
        lock (_gate) _windows.Clear();
    }
}
