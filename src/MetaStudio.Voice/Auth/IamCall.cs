using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// One request to IAM (sign-in, project lookup): sent, read, and its failures mapped — an
    /// unreachable IAM to IamUnreachable, an error answer to a service exception.
    /// </summary>
    internal static class IamCall
    {
        public static async Task<IamAnswer> SendAsync(HttpClient http, HttpRequestMessage request, string operation, string purpose,
            string advice, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException)
            {
                throw new MetaStudioException("IamUnreachable", MetaStudioErrorKind.Network,
                    $"Could not reach IAM at {request.RequestUri?.Host} to {purpose}: {MetaStudioClient.Flatten(ex)}. {advice}", ex);
            }
            using (response)
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var status = (int)response.StatusCode;
                var error = status < 200 || status >= 300
                    ? ServiceErrorParser.FromRestResponse(operation, status, MetaStudioClient.Header(response, "X-Request-Id"), text)
                    : null;
                return new IamAnswer(status, text, MetaStudioClient.Header(response, "X-Subject-Token"), error);
            }
        }
    }

    internal sealed class IamAnswer
    {
        public IamAnswer(int status, string body, string? subjectToken, MetaStudioServiceException? error)
        {
            Status = status;
            Body = body;
            SubjectToken = subjectToken;
            Error = error;
        }

        public int Status { get; }
        public string Body { get; }
        /// <summary>X-Subject-Token: the token a sign-in returns (a secret; never logged).</summary>
        public string? SubjectToken { get; }
        /// <summary>The error answer, or null for 2xx.</summary>
        public MetaStudioServiceException? Error { get; }
    }
}
