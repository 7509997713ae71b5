using System.Text;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Records every request except the admin ones (/_emulator/...). REST bodies are buffered (they are small JSON) so
/// the handlers can still read them; OBS upload bodies are never touched here (Body = null).
/// </summary>
internal sealed class RecordingMiddleware
{
    private static long _sequence;
    private readonly RequestDelegate _next;
    private readonly RequestRecorder _recorder;
    private readonly bool _verbose;

    public RecordingMiddleware(RequestDelegate next, RequestRecorder recorder, EmulatorOptions options)
    {
        _next = next;
        _recorder = recorder;
        _verbose = options.Verbose;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_emulator", StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        var sequence = Interlocked.Increment(ref _sequence);
        var isUpload = path.StartsWith("/obs/", StringComparison.Ordinal);
        string? body = null;
        if (!isUpload && HasBody(context.Request))
        {
            context.Request.EnableBuffering();
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
            {
                body = await reader.ReadToEndAsync(context.RequestAborted);
            }
            context.Request.Body.Position = 0;
            body = IamRedaction.Redact(path, body); // never record IAM passwords
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers) headers[name] = values.ToString();

        var status = 500;
        try
        {
            await _next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            _recorder.Add(sequence, new RecordedRequest(
                context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body, status));
            if (_verbose)
            {
                // Never print the query (presigned URL signatures) or header values.
                Console.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {context.Request.Method} {path} -> {status}");
            }
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
}
