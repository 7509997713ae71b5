using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// Issues and checks OBS V2 query-string signed PUT URLs:
/// Signature = Base64(HMAC-SHA1(secret, "PUT\n{Content-MD5}\n{Content-Type}\n{Expires}\n{x-obs-headers}/{bucket}/{key}")).
/// The emulator signs with an empty Content-MD5 and no x-obs-* headers, so a client that sends either breaks the
/// signature, as on the real service.
/// </summary>
internal sealed class ObsSigner
{
    private readonly byte[] _secret;

    public ObsSigner(string accessKeyId, byte[] secret)
    {
        AccessKeyId = accessKeyId;
        _secret = secret;
    }

    public static ObsSigner CreateRandom()
    {
        var ak = "EMU" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        return new ObsSigner(ak, RandomNumberGenerator.GetBytes(32));
    }

    public string AccessKeyId { get; }

    /// <summary>A presigned PUT URL for bucket/key valid until <paramref name="expires"/>.</summary>
    public Uri CreatePutUrl(Uri baseUri, string bucket, string key, string contentType, DateTimeOffset expires)
    {
        var expiresText = expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = Sign("PUT", "", contentType, expiresText, "", bucket, key);
        var path = "obs/" + Uri.EscapeDataString(bucket) + "/" + string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var query = $"?AccessKeyId={Uri.EscapeDataString(AccessKeyId)}&Expires={expiresText}&Signature={Uri.EscapeDataString(signature)}";
        return new Uri(baseUri, path + query);
    }

    public string Sign(string verb, string contentMd5, string contentType, string expires, string canonicalHeaders, string bucket, string key)
    {
        var stringToSign = $"{verb}\n{contentMd5}\n{contentType}\n{expires}\n{canonicalHeaders}/{bucket}/{key}";
        return Convert.ToBase64String(HMACSHA1.HashData(_secret, Encoding.UTF8.GetBytes(stringToSign)));
    }

    /// <summary>True when <paramref name="signature"/> matches the request's fields (constant-time compare).</summary>
    public bool Verify(string accessKeyId, string signature, string verb, string contentMd5, string contentType,
        string expires, string canonicalHeaders, string bucket, string key)
    {
        if (!string.Equals(accessKeyId, AccessKeyId, StringComparison.Ordinal)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(verb, contentMd5, contentType, expires, canonicalHeaders, bucket, key));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>OBS CanonicalizedHeaders: x-obs-* headers, lower-cased, sorted, "name:value\n" each.</summary>
    public static string CanonicalizeObsHeaders(IEnumerable<KeyValuePair<string, string>> headers)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in headers
                     .Where(h => h.Key.StartsWith("x-obs-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => new KeyValuePair<string, string>(h.Key.ToLowerInvariant(), h.Value.Trim()))
                     .OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }
        return sb.ToString();
    }
}
