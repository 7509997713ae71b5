using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>IAM token auth: <c>X-Auth-Token</c> must be one of <see cref="EmulatorOptions.Tokens"/>.</summary>
internal sealed class TokenAuthenticator(Func<string, string?> projectOfToken) : IRequestAuthenticator
{
    public AuthOutcome? Authenticate(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue("X-Auth-Token", out var values)) return null;
        var token = values.ToString();
        var project = token.Length == 0 ? null : projectOfToken(token);
        return project is null ? AuthOutcome.Failure(ApiErrors.InvalidToken()) : AuthOutcome.Success(project);
    }
}
