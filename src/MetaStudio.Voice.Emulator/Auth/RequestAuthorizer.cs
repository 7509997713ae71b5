using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Runs the authenticators, checks the credential's project against {project_id} in the URL, then applies the
/// per-project rate limit (if any).
/// </summary>
internal sealed class RequestAuthorizer(IReadOnlyList<IRequestAuthenticator> authenticators, ProjectRateLimiter? limiter = null)
{
    /// <summary>Token auth (fixed + IAM-issued tokens), then AK/SK, then the rate limiter.</summary>
    public static RequestAuthorizer Create(EmulatorOptions options, IamTokenStore issuedTokens, ProjectRateLimiter limiter) => new(
        [
            new TokenAuthenticator(token => options.Tokens.GetValueOrDefault(token), issuedTokens, options.TimeProvider),
            new AkSkAuthenticator(options),
        ],
        limiter);

    /// <summary>
    /// Throws <see cref="ApiException"/> (401 APIGW.0301/0305 / 400 MSS.00010009 / 429 APIGW.0308 with Retry-After)
    /// unless the request may act on the project now.
    /// </summary>
    public void Authorize(HttpContext context, string urlProjectId)
    {
        var projectId = Authenticate(context);
        if (!string.Equals(projectId, urlProjectId, StringComparison.Ordinal)) throw ApiErrors.TenantMismatch();
        limiter?.Acquire(context, urlProjectId);
    }

    /// <summary>The project of the request's credential; throws 401 when there is none or it is refused.</summary>
    public string Authenticate(HttpContext context)
    {
        foreach (var authenticator in authenticators)
        {
            var outcome = authenticator.Authenticate(context);
            if (outcome is null) continue;
            if (outcome.Error is not null) throw outcome.Error;
            return outcome.ProjectId!;
        }
        throw ApiErrors.InvalidToken();
    }
}
