using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Decides who a REST request comes from. Authenticators are tried in order; the first one that recognises its
/// credential (token header, AK/SK Authorization header, ...) answers. AK/SK signature verification can be added as
/// another implementation without touching the routes.
/// </summary>
internal interface IRequestAuthenticator
{
    /// <summary>
    /// null when this authenticator does not apply to the request (its credential is absent); otherwise the outcome.
    /// </summary>
    AuthOutcome? Authenticate(HttpContext context);
}

/// <summary>Either the project id the credential belongs to, or an API error to answer with.</summary>
internal sealed record AuthOutcome(string? ProjectId, ApiException? Error)
{
    public static AuthOutcome Success(string projectId) => new(projectId, null);
    public static AuthOutcome Failure(ApiException error) => new(null, error);
}
