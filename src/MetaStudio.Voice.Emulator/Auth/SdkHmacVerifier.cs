using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The server side of "SDK-HMAC-SHA256" (reference §3.2), written from the spec for the emulator: canonical request,
/// string to sign, signature. Independent of the module's signer on purpose.
/// </summary>
internal static class SdkHmacVerifier
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The parsed <c>Authorization</c> value, or null when it is not "SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...".</summary>
    public static (string Access, string[] SignedHeaders, string Signature)? ParseAuthorization(string value)
    {
        value = value.Trim();
        if (!value.StartsWith(Algorithm + " ", StringComparison.Ordinal)) return null;
        string? access = null, signed = null, signature = null;
        foreach (var part in value[(Algorithm.Length + 1)..].Split(','))
        {
            var item = part.Trim();
            var eq = item.IndexOf('=');
            if (eq <= 0) return null;
            var name = item[..eq].Trim();
            var v = item[(eq + 1)..].Trim();
            switch (name)
            {
                case "Access": access = v; break;
                case "SignedHeaders": signed = v; break;
                case "Signature": signature = v; break;
                default: return null;
            }
        }
        if (string.IsNullOrEmpty(access) || string.IsNullOrEmpty(signed) || string.IsNullOrEmpty(signature)) return null;
        var headers = signed.Split(';');
        if (headers.Any(h => h.Length == 0)) return null;
        return (access, headers, signature);
    }

    public static bool TryParseDate(string value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>Path percent-decoded, split on '/', each segment RFC 3986-encoded, always ending with '/'.</summary>
    public static string CanonicalUri(string rawPath)
    {
        var segments = Uri.UnescapeDataString(rawPath).Split('/');
        var sb = new StringBuilder();
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0) sb.Append('/');
            Encode(sb, segments[i]);
        }
        if (sb.Length == 0 || sb[^1] != '/') sb.Append('/');
        return sb.ToString();
    }

    /// <summary>Pairs split on '&amp;' and the first '=', decoded, sorted by name then value (ordinal), re-encoded.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        var pairs = new List<(string Key, string Value)>();
        foreach (var piece in query.Split('&'))
        {
            if (piece.Length == 0) continue;
            var eq = piece.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? piece : piece[..eq]);
            if (key.Length == 0) continue;
            pairs.Add((key, eq < 0 ? "" : Uri.UnescapeDataString(piece[(eq + 1)..])));
        }
        pairs.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (sb.Length > 0) sb.Append('&');
            Encode(sb, key);
            sb.Append('=');
            Encode(sb, value);
        }
        return sb.ToString();
    }

    /// <summary>
    /// METHOD \n URI \n QUERY \n "name:value\n" per signed header (values trimmed; a header received on several lines
    /// gives one line per value, values sorted) \n signed-header list \n body hash.
    /// </summary>
    public static string CanonicalRequest(string method, string rawPath, string rawQuery,
        IReadOnlyList<string> signedHeaders, Func<string, IReadOnlyList<string>> valuesOf, string bodyHash)
    {
        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(rawPath)).Append('\n');
        sb.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            foreach (var value in valuesOf(name).Select(v => v.Trim()).Order(StringComparer.Ordinal))
                sb.Append(name).Append(':').Append(value).Append('\n');
        }
        sb.Append('\n');
        sb.Append(string.Join(';', signedHeaders)).Append('\n');
        sb.Append(bodyHash);
        return sb.ToString();
    }

    public static string StringToSign(string canonicalRequest, string sdkDate) =>
        Algorithm + "\n" + sdkDate + "\n" + Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));

    public static string Signature(string stringToSign, string secretKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));

    public static string Sha256Hex(ReadOnlySpan<byte> data) => data.Length == 0 ? EmptyBodySha256 : Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Constant-time comparison of two signatures (hex text).</summary>
    public static bool SignaturesEqual(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given.ToLowerInvariant()));

    private static void Encode(StringBuilder sb, string value)
    {
        const string Hex = "0123456789ABCDEF";
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }
    }
}
