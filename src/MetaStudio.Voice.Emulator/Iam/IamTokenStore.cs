using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MetaStudio.Voice.Emulator;

/// <summary>One token handed out by POST /v3/auth/tokens.</summary>
internal sealed record IssuedToken(string ProjectId, string UserName, string DomainName, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>Tokens issued by the emulator's IAM; each is accepted for its project until it expires.</summary>
internal sealed class IamTokenStore
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);

    /// <summary>A new random token (PKI-looking "MII..." text, as IAM's are).</summary>
    public string Issue(IssuedToken token)
    {
        var value = "MII" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
        _tokens[value] = token;
        return value;
    }

    public IssuedToken? Find(string token) => _tokens.GetValueOrDefault(token);

    public int Count => _tokens.Count;
}
