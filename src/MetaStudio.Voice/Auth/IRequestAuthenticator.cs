using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// Adds credentials to one MetaStudio REST request just before it is sent. Token, AK/SK signing
    /// and IAM sign-in each implement it; the client does not know which one it has.
    /// </summary>
    internal interface IRequestAuthenticator
    {
        /// <summary>How the session authenticates, for display: Token, AccessKey, Password.</summary>
        string Kind { get; }

        /// <summary>The body bytes are passed because signing hashes them.</summary>
        Task AuthenticateAsync(HttpRequestMessage request, byte[]? body, CancellationToken cancellationToken);

        /// <summary>
        /// After the service refused the credentials: get fresh ones if this kind can (true = retry the
        /// request once). A raw token or a key pair cannot.
        /// </summary>
        Task<bool> TryRefreshAsync(IOperationLog log, CancellationToken cancellationToken);
    }
}
