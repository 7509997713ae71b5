using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// PUT /obs/{bucket}/{key}: an OBS-style presigned upload. Checks, in order: signature (403 SignatureDoesNotMatch),
/// expiry (403 AccessDenied), Content-Length (411 MissingContentLength), size ≤ 5 GiB (400 EntityTooLarge); then
/// streams the body to the object store. Never needs X-Auth-Token.
/// </summary>
internal sealed class ObsEndpoints(EmulatorServices s)
{
    /// <summary>OBS single-PUT limit (5 GB, read as 5 × 1024³ bytes).</summary>
    public const long MaxObjectSize = 5L * 1024 * 1024 * 1024;

    public void Map(IEndpointRouteBuilder app) => app.MapPut("/obs/{bucket}/{**key}", PutAsync);

    private async Task PutAsync(HttpContext context)
    {
        var request = context.Request;
        var bucket = (string)request.RouteValues["bucket"]!;
        var key = (string?)request.RouteValues["key"] ?? "";
        context.Response.Headers["x-obs-request-id"] = RequestIds.Get(context);
        context.Response.Headers["x-obs-id-2"] = ObsError.HostId;

        var accessKeyId = request.Query["AccessKeyId"].ToString();
        var expiresText = request.Query["Expires"].ToString();
        var signature = request.Query["Signature"].ToString();
        if (accessKeyId.Length == 0 || expiresText.Length == 0 || signature.Length == 0)
        {
            await ObsError.WriteAsync(context, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. AccessKeyId, Expires and Signature are required.");
            return;
        }

        var contentType = request.Headers.ContentType.ToString();
        // ASSUMPTION (authorization letter): its type is undocumented, so its URL is signed with an empty
        // Content-Type and any Content-Type the client sends is accepted (see UploadLayout.SignedContentType).
        var signedType = UploadLayout.SignedContentType(key) is null ? "" : contentType;
        var contentMd5 = request.Headers["Content-MD5"].ToString();
        var obsHeaders = ObsSigner.CanonicalizeObsHeaders(request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString())));
        if (!s.Signer.Verify(accessKeyId, signature, "PUT", contentMd5, signedType, expiresText, obsHeaders, bucket, key)
            || !long.TryParse(expiresText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires))
        {
            await ObsError.WriteAsync(context, 403, "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
            return;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(expires) < s.Now)
        {
            await ObsError.WriteAsync(context, 403, "AccessDenied", "Request has expired");
            return;
        }

        var chunked = request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase);
        if (chunked || request.ContentLength is not { } length)
        {
            await ObsError.WriteAsync(context, 411, "MissingContentLength", "You must provide the Content-Length HTTP header.");
            return;
        }
        if (length > MaxObjectSize)
        {
            await ObsError.WriteAsync(context, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.");
            return;
        }
        if (!ObjectStore.IsSafeKey(key))
        {
            await ObsError.WriteAsync(context, 400, "InvalidObjectName", "The object name is not valid.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;

        StoredObject stored;
        try
        {
            stored = await s.Objects.PutAsync(bucket, key, contentType, request.Body, length, context.RequestAborted);
        }
        catch (Exception e) when (e is IncompleteBodyException || (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            // The body ended early or the client went away: nothing was stored. Answer 400 IncompleteBody if the
            // connection still allows it (a half-closed client may still read it); the recorder sees 400 either way.
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                try
                {
                    await ObsError.WriteAsync(context, 400, "IncompleteBody", "The request body ended before Content-Length bytes were received.");
                }
                catch (Exception) when (context.RequestAborted.IsCancellationRequested)
                {
                }
            }
            else if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = 400;
            }
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.Headers.ETag = $"\"{stored.Md5Hex}\"";
        context.Response.ContentLength = 0;
    }
}
