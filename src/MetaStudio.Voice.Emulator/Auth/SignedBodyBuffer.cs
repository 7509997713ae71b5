using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Middleware: for a request carrying <c>Authorization: SDK-HMAC-SHA256 ...</c> (REST and IAM routes only, never
/// OBS uploads) reads the body bytes as received into <see cref="HttpContext.Items"/> so the (synchronous)
/// <see cref="AkSkAuthenticator"/> can hash them, and rewinds the body for the route handler.
/// REST bodies are small JSON (Kestrel caps them anyway).
/// </summary>
internal static class SignedBodyBuffer
{
    private const string Key = "emulator.signed-body";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith("/obs/", StringComparison.Ordinal)
            && !path.StartsWith("/_emulator", StringComparison.Ordinal)
            && context.Request.Headers.Authorization.ToString().TrimStart().StartsWith(SdkHmacVerifier.Algorithm, StringComparison.Ordinal))
        {
            context.Request.EnableBuffering();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            context.Request.Body.Position = 0;
            context.Items[Key] = buffer.ToArray();
        }
        await next(context);
    }

    /// <summary>The buffered body (empty when the request had none or was not buffered).</summary>
    public static byte[] Get(HttpContext context) => context.Items.TryGetValue(Key, out var v) && v is byte[] b ? b : [];
}
