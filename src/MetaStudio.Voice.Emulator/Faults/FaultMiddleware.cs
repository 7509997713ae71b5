using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Applies the <see cref="FaultInjector"/>'s decisions. It sits inside the recording middleware (so faulted requests
/// are recorded with the status sent, 0 when the connection was dropped) and before routing and the handlers.
/// Bodies are never buffered here: DropConnection reads at most AfterBytes bytes, SlowRead wraps the body stream.
/// The REST error codes for plain 5xx faults are the emulator's choice (the reference documents only APIGW.0308 and
/// APIGW.0301): 500 MSS.00000001, 502 APIGW.0202, 503 APIGW.0206, 504 APIGW.0203.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults, EmulatorOptions options)
{
    private static readonly TimeSpan DefaultSlowDelay = TimeSpan.FromMilliseconds(100);
    private const int DefaultSlowChunk = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!faults.Active)
        {
            await next(context);
            return;
        }
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_emulator", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var method = context.Request.Method;
        var route = FaultRoutes.Classify(method, path);
        var rule = faults.Decide(route, method, path, options.TimeProvider.GetUtcNow());
        if (rule is null)
        {
            await next(context);
            return;
        }

        var isObs = route == FaultRoutes.Upload;
        switch (rule.Kind)
        {
            case FaultKind.Status503:
                RetryAfter(context, rule);
                if (isObs) await ObsError.WriteAsync(context, 503, "ServiceUnavailable", "Service is unable to handle request (emulated fault).");
                else await Json.WriteErrorAsync(context, new ApiException(503, "APIGW.0206", "Service unavailable (emulated fault)"));
                break;
            case FaultKind.Status500:
                if (isObs) await ObsError.WriteAsync(context, 500, "InternalError", "We encountered an internal error. Please try again (emulated fault).");
                else await Json.WriteErrorAsync(context, new ApiException(500, "MSS.00000001", "Internal error (emulated fault)"));
                break;
            case FaultKind.Status502:
                if (isObs) await ObsError.WriteAsync(context, 502, "BadGateway", "Bad gateway (emulated fault).");
                else await Json.WriteErrorAsync(context, new ApiException(502, "APIGW.0202", "Backend unavailable (emulated fault)"));
                break;
            case FaultKind.Status504:
                if (isObs) await ObsError.WriteAsync(context, 504, "GatewayTimeout", "Gateway timeout (emulated fault).");
                else await Json.WriteErrorAsync(context, new ApiException(504, "APIGW.0203", "Backend timeout (emulated fault)"));
                break;
            case FaultKind.Throttle429:
                RetryAfter(context, rule);
                await Json.WriteErrorAsync(context, new ApiException(429, "APIGW.0308",
                    "The throttling threshold has been reached: policy user over ratelimit (emulated fault)"));
                break;
            case FaultKind.ObsRequestTimeout:
                await ObsError.WriteAsync(context, 400, "RequestTimeout",
                    "Your socket connection to the server was not read from or written to within the timeout period.");
                break;
            case FaultKind.ObsSlowDown:
                RetryAfter(context, rule);
                await ObsError.WriteAsync(context, 503, "SlowDown", "Please reduce your request rate.");
                break;
            case FaultKind.ObsInternalError:
                await ObsError.WriteAsync(context, 500, "InternalError", "We encountered an internal error. Please try again.");
                break;
            case FaultKind.ExpireToken:
                if (isObs) await ObsError.WriteAsync(context, 403, "AccessDenied", "Request has expired");
                else await Json.WriteErrorAsync(context, new ApiException(401, "APIGW.0301",
                    "Incorrect IAM authentication information: the token has expired"));
                break;
            case FaultKind.DropConnection:
                if (rule.AfterBytes is { } limit && limit > 0) await ReadAtMostAsync(context, limit);
                Drop(context);
                break;
            case FaultKind.SlowRead:
                context.Request.Body = new SlowReadStream(context.Request.Body, rule.Delay ?? DefaultSlowDelay, rule.AfterBytes ?? DefaultSlowChunk);
                await next(context);
                break;
            case FaultKind.ResponseLost:
                // The handler runs for real (job created, object stored); its answer goes nowhere.
                context.Response.Body = Stream.Null;
                try
                {
                    await next(context);
                }
                finally
                {
                    Drop(context);
                }
                break;
            default:
                await next(context);
                break;
        }
    }

    private static void RetryAfter(HttpContext context, FaultRule rule)
    {
        if (rule.RetryAfterSeconds > 0) context.Response.Headers.RetryAfter = rule.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Aborts the connection; the recorder sees status 0 (nothing was sent).</summary>
    private static void Drop(HttpContext context)
    {
        if (!context.Response.HasStarted) context.Response.StatusCode = 0;
        context.Abort();
    }

    private static async Task ReadAtMostAsync(HttpContext context, long limit)
    {
        var buffer = new byte[(int)Math.Min(limit, 64 * 1024)];
        long total = 0;
        try
        {
            while (total < limit)
            {
                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), context.RequestAborted);
                if (read == 0) break;
                total += read;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
        }
    }

    /// <summary>A read-only pass-through that waits before each read and caps each read at one chunk.</summary>
    private sealed class SlowReadStream(Stream inner, TimeSpan delay, int chunk) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (buffer.Length == 0) return 0;
            if (delay > TimeSpan.Zero) await Task.Delay(delay, ct);
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], ct);
        }
    }
}
