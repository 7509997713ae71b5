using Microsoft.AspNetCore.Http;

namespace MetaStudio.Voice.Emulator;

/// <summary>Runs the authenticators and checks the credential's project against {project_id} in the URL.</summary>
internal sealed class RequestAuthorizer(IReadOnlyList<IRequestAuthenticator> authenticators)
{
    /// <summary>Throws <see cref="ApiException"/> (401 APIGW.0301 / 400 MSS.00010009) unless the request may act on the project.</summary>
    public void Authorize(HttpContext context, string urlProjectId)
    {
        foreach (var authenticator in authenticators)
        {
            var outcome = authenticator.Authenticate(context);
            if (outcome is null) continue;
            if (outcome.Error is not null) throw outcome.Error;
            if (!string.Equals(outcome.ProjectId, urlProjectId, StringComparison.Ordinal)) throw ApiErrors.TenantMismatch();
            return;
        }
        throw ApiErrors.InvalidToken();
    }
}
