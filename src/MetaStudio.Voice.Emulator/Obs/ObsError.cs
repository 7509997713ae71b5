using System.Security;
using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>OBS's XML error answer (Content-Type application/xml, x-obs-request-id header).</summary>
internal static class ObsError
{
    public const string HostId = "metastudio-emulator";

    public static async Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        var requestId = RequestIds.Get(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        context.Response.Headers["x-obs-request-id"] = requestId;
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + $"<Error><Code>{SecurityElement.Escape(code)}</Code><Message>{SecurityElement.Escape(message)}</Message>"
            + $"<RequestId>{requestId}</RequestId><HostId>{HostId}</HostId></Error>";
        context.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(xml);
        await context.Response.WriteAsync(xml);
    }
}
