using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// IAM token auth: <c>X-Auth-Token</c> must be one of <see cref="EmulatorOptions.Tokens"/> (fixed, never expire) or
/// a token issued by POST /v3/auth/tokens that has not expired yet (expired: 401 APIGW.0301 "...token has expired...").
/// </summary>
internal sealed class TokenAuthenticator(Func<string, string?> projectOfToken, IamTokenStore? issued = null, TimeProvider? clock = null)
    : IRequestAuthenticator
{
    public AuthOutcome? Authenticate(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue("X-Auth-Token", out var values)) return null;
        var token = values.ToString();
        if (token.Length == 0) return AuthOutcome.Failure(ApiErrors.InvalidToken());
        if (projectOfToken(token) is { } project) return AuthOutcome.Success(project);
        if (issued?.Find(token) is { } found)
        {
            var now = (clock ?? TimeProvider.System).GetUtcNow();
            return now >= found.ExpiresAt ? AuthOutcome.Failure(AuthErrors.TokenExpired()) : AuthOutcome.Success(found.ProjectId);
        }
        return AuthOutcome.Failure(ApiErrors.InvalidToken());
    }
}
