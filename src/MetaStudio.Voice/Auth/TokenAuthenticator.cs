using System.Net.Http;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>IAM token authentication: X-Auth-Token on every request.</summary>
    internal sealed class TokenAuthenticator : IRequestAuthenticator
    {
        private readonly SecureString _token;

        public TokenAuthenticator(SecureString token)
        {
            _token = token.Copy();
            _token.MakeReadOnly();
        }

        public string Kind => "Token";

        public Task AuthenticateAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken)
        {
            request.Headers.Remove("X-Auth-Token");
            request.Headers.TryAddWithoutValidation("X-Auth-Token", SecretText.Reveal(_token));
            return Task.CompletedTask;
        }

        /// <summary>A token given as it is cannot be renewed here; the error says to reconnect.</summary>
        public Task<bool> TryRefreshAsync(IOperationLog log, CancellationToken cancellationToken) => Task.FromResult(false);

        public override string ToString() => "Token";
    }
}
