using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// Finds the project id of a region for AK/SK users, as the SDKs do: signed
    /// GET /v3/projects?name={region} on IAM; exactly one match or a clear error.
    /// </summary>
    internal static class ProjectLookup
    {
        public static async Task<string> FindProjectIdAsync(HttpClient http, Uri iamEndpoint, string region,
            IRequestAuthenticator signer, IOperationLog log, CancellationToken cancellationToken)
        {
            var uri = new Uri(iamEndpoint, "v3/projects?name=" + Uri.EscapeDataString(region));
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            await signer.AuthenticateAsync(request, null, cancellationToken).ConfigureAwait(false);
            log.Verbose($"Looking up the project of region {region} at {iamEndpoint.Host}");
            var answer = await IamCall.SendAsync(http, request, "KeystoneListProjects", "look up the project",
                "Pass -ProjectId, or check -IamEndpoint and the network.", cancellationToken).ConfigureAwait(false);
            if (answer.Error != null) throw answer.Error;
            var text = answer.Body;
            var ids = ParseIds(text, region);
            if (ids.Count == 1) return ids[0];
            throw new MetaStudioException(ids.Count == 0 ? "ProjectNotFound" : "ProjectAmbiguous", MetaStudioErrorKind.InvalidArgument,
                ids.Count == 0
                    ? $"IAM knows no project named '{region}' for these keys. Pass -ProjectId (My Credentials > API Credentials in the console lists it)."
                    : $"IAM has {ids.Count} projects named '{region}' for these keys ({string.Join(", ", ids)}). Pass -ProjectId to choose one.");
        }

        private static List<string> ParseIds(string text, string region)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                if (!doc.RootElement.TryGetProperty("projects", out var projects) || projects.ValueKind != JsonValueKind.Array)
                    return new List<string>();
                return projects.EnumerateArray()
                    .Where(p => !p.TryGetProperty("name", out var n) || string.Equals(n.GetString(), region, StringComparison.OrdinalIgnoreCase))
                    .Select(p => p.TryGetProperty("id", out var id) ? id.GetString() : null)
                    .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
            }
            catch (JsonException ex)
            {
                throw new MetaStudioException("InvalidServiceResponse", MetaStudioErrorKind.InvalidResponse,
                    $"IAM answered the project lookup with a body that is not the expected JSON ({ex.Message}). Pass -ProjectId.", ex);
            }
        }
    }
}
