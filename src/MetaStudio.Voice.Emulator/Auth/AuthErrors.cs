namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The API-gateway answers for AK/SK and token failures and throttling, all as
/// {"error_code","error_msg","request_id"}. The reference (§5) documents APIGW.0301 (auth failure, HTTP 401),
/// APIGW.0308 (throttling) and MSS.00010009 (project mismatch) but no per-cause messages; the emulator's choices:
/// <list type="bullet">
/// <item>401 APIGW.0301 "Incorrect IAM authentication information: ..." for everything wrong with the credential
///   itself: bad signature, unknown AK, malformed Authorization, missing/malformed X-Sdk-Date, a signed header
///   missing, host or x-sdk-date not signed, wrong/missing/unsigned X-Security-Token, unknown or expired token.
///   The text after the colon names the cause.</item>
/// <item>401 APIGW.0305 "Incorrect authentication information: x-sdk-date differs from server time by more than
///   15 minutes" for a stale (or future) X-Sdk-Date. The code is the emulator's choice (APIG's generic
///   "Incorrect authentication information" code), distinct from 0301 so clients and tests can tell clock skew
///   apart from a wrong key.</item>
/// <item>400 MSS.00010009 "urlTenantId is not equal tokenTenantId" when X-Project-Id is not the key's project or the
///   key's project is not the URL's (as for tokens).</item>
/// <item>429 APIGW.0308 "The request is throttled." with Retry-After: 1.</item>
/// </list>
/// </summary>
internal static class AuthErrors
{
    public const string AuthCode = "APIGW.0301";
    public const string ClockSkewCode = "APIGW.0305";
    public const string ThrottledCode = "APIGW.0308";

    public static ApiException Auth(string detail) => new(401, AuthCode, $"Incorrect IAM authentication information: {detail}");

    public static ApiException SignatureMismatch() => Auth("signature does not match");

    public static ApiException UnknownAccessKey() => Auth("access key not found");

    public static ApiException ClockSkew() =>
        new(401, ClockSkewCode, "Incorrect authentication information: x-sdk-date differs from server time by more than 15 minutes");

    public static ApiException TokenExpired() => Auth("the token has expired; the token must be updated");

    public static ApiException Throttled() => new(429, ThrottledCode, "The request is throttled.");
}
