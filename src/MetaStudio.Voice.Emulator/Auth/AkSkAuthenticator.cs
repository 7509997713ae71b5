using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// AK/SK auth: a request whose <c>Authorization</c> starts with "SDK-HMAC-SHA256" is verified against
/// <see cref="EmulatorOptions.AccessKeys"/> (reference §3.2). Error codes: see <see cref="AuthErrors"/>.
/// </summary>
/// <remarks>
/// Checks, in order: header parses; AK known; X-Sdk-Date present, yyyyMMddTHHmmssZ, within ±15 minutes of
/// <see cref="EmulatorOptions.TimeProvider"/>; host and x-sdk-date signed; every signed header present; the signature
/// (canonical request over the raw request target and the body bytes as received, or the X-Sdk-Content-Sha256 value
/// when that header is signed; constant-time compare); X-Security-Token (temporary keys: must equal and be signed;
/// permanent keys: must be absent); X-Project-Id (if sent) equals the key's project.
/// Host is verified as received: the signed value must be exactly what the client sent in Host (with ":port" when the
/// emulator listens on a non-default port).
/// </remarks>
internal sealed class AkSkAuthenticator(EmulatorOptions options) : IRequestAuthenticator
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    public AuthOutcome? Authenticate(HttpContext context)
    {
        var request = context.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.TrimStart().StartsWith(SdkHmacVerifier.Algorithm, StringComparison.Ordinal)) return null;
        try
        {
            return AuthOutcome.Success(Verify(context, authorization));
        }
        catch (ApiException e)
        {
            return AuthOutcome.Failure(e);
        }
    }

    private string Verify(HttpContext context, string authorization)
    {
        var request = context.Request;
        var parsed = SdkHmacVerifier.ParseAuthorization(authorization)
            ?? throw AuthErrors.Auth("the Authorization header is malformed (expected SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...)");
        var key = options.AccessKeys.FirstOrDefault(k => string.Equals(k.AccessKey, parsed.Access, StringComparison.Ordinal))
            ?? throw AuthErrors.UnknownAccessKey();

        var sdkDate = request.Headers["X-Sdk-Date"].ToString().Trim();
        if (sdkDate.Length == 0) throw AuthErrors.Auth("the X-Sdk-Date header is missing");
        if (!SdkHmacVerifier.TryParseDate(sdkDate, out var date))
            throw AuthErrors.Auth("the X-Sdk-Date header is not in yyyyMMddTHHmmssZ format");

        var now = options.TimeProvider.GetUtcNow();
        if ((now - date).Duration() > MaxSkew) throw AuthErrors.ClockSkew();

        var signed = parsed.SignedHeaders;
        if (signed.Any(h => h != h.ToLowerInvariant())) throw AuthErrors.Auth("SignedHeaders must be lower-case");
        if (!signed.Contains("host")) throw AuthErrors.Auth("the host header must be signed");
        if (!signed.Contains("x-sdk-date")) throw AuthErrors.Auth("the x-sdk-date header must be signed");
        foreach (var name in signed)
        {
            if (request.Headers[name].Count == 0) throw AuthErrors.Auth($"the signed header '{name}' is missing from the request");
        }

        // The raw request target: the path exactly as sent (not the decoded PathString), and the query.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path.Value + request.QueryString.Value);
        if (Uri.TryCreate(rawTarget, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal))
            rawTarget = absolute.PathAndQuery;
        var q = rawTarget.IndexOf('?');
        var rawPath = q < 0 ? rawTarget : rawTarget[..q];
        var rawQuery = q < 0 ? "" : rawTarget[(q + 1)..];

        var bodyHash = signed.Contains("x-sdk-content-sha256")
            ? request.Headers["X-Sdk-Content-Sha256"].ToString().Trim()
            : SdkHmacVerifier.Sha256Hex(SignedBodyBuffer.Get(context));
        var canonical = SdkHmacVerifier.CanonicalRequest(request.Method, rawPath, rawQuery, signed,
            name => request.Headers[name].Select(v => v ?? "").ToList(), bodyHash);
        var expected = SdkHmacVerifier.Signature(SdkHmacVerifier.StringToSign(canonical, sdkDate), key.SecretKey);
        if (!SdkHmacVerifier.SignaturesEqual(expected, parsed.Signature)) throw AuthErrors.SignatureMismatch();

        var securityToken = request.Headers["X-Security-Token"].ToString();
        if (key.SecurityToken is not null)
        {
            if (securityToken.Length == 0) throw AuthErrors.Auth("the X-Security-Token header is required for a temporary access key");
            if (!signed.Contains("x-security-token")) throw AuthErrors.Auth("the x-security-token header must be signed");
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(securityToken.Trim()), System.Text.Encoding.UTF8.GetBytes(key.SecurityToken)))
                throw AuthErrors.Auth("the security token is invalid");
        }
        else if (securityToken.Length > 0)
        {
            throw AuthErrors.Auth("a security token was sent with a permanent access key");
        }

        var projectHeader = request.Headers["X-Project-Id"].ToString().Trim();
        if (projectHeader.Length > 0 && !string.Equals(projectHeader, key.ProjectId, StringComparison.Ordinal))
            throw ApiErrors.TenantMismatch();
        return key.ProjectId;
    }
}
