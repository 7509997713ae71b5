using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

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
    }
}
