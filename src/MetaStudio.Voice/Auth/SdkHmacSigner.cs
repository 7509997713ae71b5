using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.Voice.Auth
{
    /// <summary>
    /// Huawei Cloud AK/SK request signing, "SDK-HMAC-SHA256", as the official SDKs do it
    /// (huaweicloud-sdk-python-v3 signer.py, huaweicloud-sdk-go-v3 / -net-v3 Signer).
    /// Every step is exposed so tests can check it against hand-worked strings.
    /// Nothing here logs: the canonical request and the secret key must never reach output.
    /// </summary>
    internal static class SdkHmacSigner
    {
        internal const string Algorithm = "SDK-HMAC-SHA256";
        internal const string DateHeader = "X-Sdk-Date";

        // The SDKs' escape hatch: when this header is present its value (e.g. UNSIGNED-PAYLOAD)
        // replaces the body hash. Honoured so a request built that way still verifies.
        internal const string ContentSha256Header = "X-Sdk-Content-Sha256";

        internal const string ProjectIdHeader = "X-Project-Id";
        internal const string SecurityTokenHeader = "X-Security-Token";
        internal const string AuthorizationHeaderName = "Authorization";

        /// <summary>SHA-256 of zero bytes; the body hash of a request without a body.</summary>
        internal const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

        /// <summary>Basic ISO 8601 UTC, e.g. 20240101T000000Z (Python's %Y%m%dT%H%M%SZ).</summary>
        internal static string FormatDate(DateTime utc)
        {
            // A local time would silently sign the wrong instant; the server allows only 15 minutes of skew.
            if (utc.Kind == DateTimeKind.Local)
            {
                utc = utc.ToUniversalTime();
            }

            return utc.ToString(DateFormat, CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// The path percent-decoded, then each '/' segment re-encoded (RFC 3986 unreserved characters
        /// only), always ending with '/'. Only the signed form gets the trailing slash, not the URL sent.
        /// </summary>
        internal static string CanonicalUri(string absolutePath)
        {
            // Decoding first makes "%20", " " and "%2F"/"/" canonicalise alike, as the SDKs' unquote does.
            var decoded = Uri.UnescapeDataString(absolutePath ?? string.Empty);
            var segments = decoded.Split('/');
            var sb = new StringBuilder(decoded.Length + 8);
            for (var i = 0; i < segments.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append('/');
                }

                AppendEncoded(sb, segments[i]);
            }

            if (sb.Length == 0 || sb[sb.Length - 1] != '/')
            {
                sb.Append('/');
            }

            return sb.ToString();
        }

        /// <summary>
        /// The query as the SDKs sign it: pairs split on '&amp;' and the first '=', percent-decoded,
        /// sorted by key then value (ordinal), each side re-encoded RFC 3986 style, joined with '&amp;'.
        /// </summary>
        internal static string CanonicalQuery(string? query)
        {
            if (string.IsNullOrEmpty(query))
            {
                return string.Empty;
            }

            var raw = query![0] == '?' ? query.Substring(1) : query;
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var part in raw.Split('&'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                var eq = part.IndexOf('=');
                // Uri.UnescapeDataString leaves '+' as '+', like Huawei's reference signer (unquote,
                // not unquote_plus): a literal '+' signs as %2B. Our own URLs encode spaces as %20.
                var key = Uri.UnescapeDataString(eq < 0 ? part : part.Substring(0, eq));
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part.Substring(eq + 1));
                if (key.Length == 0)
                {
                    // Huawei's reference signer drops pairs with an empty name.
                    continue;
                }

                pairs.Add(new KeyValuePair<string, string>(key, value));
            }

            pairs.Sort((a, b) =>
            {
                var byKey = string.CompareOrdinal(a.Key, b.Key);
                return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
            });

            var sb = new StringBuilder(raw.Length + 16);
            foreach (var pair in pairs)
            {
                if (sb.Length > 0)
                {
                    sb.Append('&');
                }

                AppendEncoded(sb, pair.Key);
                sb.Append('=');
                AppendEncoded(sb, pair.Value);
            }

            return sb.ToString();
        }

        /// <summary>
        /// "name:value\n" per header: names lower-cased, values trimmed, names sorted ordinal.
        /// Names containing '_' are left out, as the SDKs do (gateways may drop such headers, so
        /// signing them could never verify). A name given twice keeps each value on its own line,
        /// values sorted, and is listed once in <paramref name="signedHeaders"/> ("a;b;c").
        /// </summary>
        internal static string CanonicalHeaders(IEnumerable<KeyValuePair<string, string>> headers, out string signedHeaders)
        {
            var byName = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var header in headers)
            {
                if (string.IsNullOrEmpty(header.Key) || header.Key.IndexOf('_') >= 0)
                {
                    continue;
                }

                var name = header.Key.Trim().ToLowerInvariant();
                if (!byName.TryGetValue(name, out var values))
                {
                    values = new List<string>(1);
                    byName.Add(name, values);
                }

                values.Add((header.Value ?? string.Empty).Trim());
            }

            var sb = new StringBuilder();
            foreach (var entry in byName)
            {
                entry.Value.Sort(StringComparer.Ordinal);
                foreach (var value in entry.Value)
                {
                    sb.Append(entry.Key).Append(':').Append(value).Append('\n');
                }
            }

            signedHeaders = string.Join(";", byName.Keys);
            return sb.ToString();
        }

        /// <summary>
        /// METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders (each ending in \n) \n SignedHeaders \n BodyHash.
        /// </summary>
        internal static string CanonicalRequest(
            string method,
            string absolutePath,
            string? query,
            IEnumerable<KeyValuePair<string, string>> headers,
            byte[]? body,
            out string signedHeaders)
        {
            var headerList = headers as IList<KeyValuePair<string, string>> ?? headers.ToList();
            var canonicalHeaders = CanonicalHeaders(headerList, out signedHeaders);

            string? bodyHash = null;
            foreach (var header in headerList)
            {
                if (string.Equals(header.Key, ContentSha256Header, StringComparison.OrdinalIgnoreCase))
                {
                    bodyHash = header.Value?.Trim();
                }
            }

            if (string.IsNullOrEmpty(bodyHash))
            {
                bodyHash = body == null || body.Length == 0 ? EmptyBodySha256 : Sha256Hex(body);
            }

            return new StringBuilder()
                .Append(method.ToUpperInvariant()).Append('\n')
                .Append(CanonicalUri(absolutePath)).Append('\n')
                .Append(CanonicalQuery(query)).Append('\n')
                .Append(canonicalHeaders).Append('\n')
                .Append(signedHeaders).Append('\n')
                .Append(bodyHash)
                .ToString();
        }

        /// <summary>"SDK-HMAC-SHA256\n" + X-Sdk-Date value + "\n" + hex SHA-256 of the UTF-8 canonical request.</summary>
        internal static string StringToSign(string canonicalRequest, string sdkDate)
        {
            return Algorithm + "\n" + sdkDate + "\n" + Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest));
        }

        /// <summary>
        /// Lower-hex HMAC-SHA256 of the string to sign, keyed directly with the SK's UTF-8 bytes
        /// (no AWS-style key derivation chain).
        /// </summary>
        internal static string Signature(string stringToSign, string secretKey)
        {
            var key = Encoding.UTF8.GetBytes(secretKey);
            try
            {
                using (var hmac = new HMACSHA256(key))
                {
                    return ToLowerHex(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign)));
                }
            }
            finally
            {
                Array.Clear(key, 0, key.Length);
            }
        }

        /// <summary>The Authorization value; the ", " separators are part of the format.</summary>
        internal static string AuthorizationHeader(string accessKey, string signedHeaders, string signature)
        {
            return Algorithm + " Access=" + accessKey + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        }

        /// <summary>
        /// Signs an HttpRequestMessage in place: adds X-Sdk-Date (if absent), Host (from RequestUri, with port if
        /// non-default), X-Project-Id (if projectId given), X-Security-Token (if given), then Authorization.
        /// Signs every header the request will carry (request headers + content headers such as Content-Type),
        /// excluding names with '_'.
        /// </summary>
        /// <remarks>
        /// The URL is left as it is (no trailing slash, no query rewrite). Content-Length is not signed: the
        /// handler sets it while sending, so its value is not known here (the SDKs do not sign it either).
        /// Headers HttpClient adds later (its DefaultRequestHeaders) go unsigned, which the service accepts.
        /// </remarks>
        internal static void Sign(
            HttpRequestMessage request,
            byte[]? body,
            string accessKey,
            string secretKey,
            string? projectId,
            string? securityToken,
            DateTime utcNow)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (string.IsNullOrEmpty(accessKey)) throw new ArgumentException("An access key is required.", nameof(accessKey));
            if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("A secret key is required.", nameof(secretKey));
            var uri = request.RequestUri;
            if (uri == null || !uri.IsAbsoluteUri)
            {
                throw new ArgumentException("The request needs an absolute RequestUri to be signed.", nameof(request));
            }

            var headers = request.Headers;

            // A previous signature (re-sent request) must neither be signed nor sent twice.
            headers.Remove(AuthorizationHeaderName);

            string sdkDate;
            if (headers.TryGetValues(DateHeader, out var dateValues) && FirstNonEmpty(dateValues) is string existing)
            {
                sdkDate = existing.Trim();
            }
            else
            {
                headers.Remove(DateHeader);
                sdkDate = FormatDate(utcNow);
                headers.TryAddWithoutValidation(DateHeader, sdkDate);
            }

            // Set Host explicitly so the value signed is the value sent.
            if (string.IsNullOrEmpty(headers.Host))
            {
                headers.Host = HostHeaderValue(uri);
            }

            if (!string.IsNullOrEmpty(projectId))
            {
                headers.Remove(ProjectIdHeader);
                headers.TryAddWithoutValidation(ProjectIdHeader, projectId);
            }

            if (!string.IsNullOrEmpty(securityToken))
            {
                headers.Remove(SecurityTokenHeader);
                headers.TryAddWithoutValidation(SecurityTokenHeader, securityToken);
            }

            var toSign = new List<KeyValuePair<string, string>>();
            foreach (var header in headers)
            {
                toSign.Add(new KeyValuePair<string, string>(header.Key, WireValue(header.Key, header.Value)));
            }

            if (request.Content != null)
            {
                foreach (var header in request.Content.Headers)
                {
                    if (string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    toSign.Add(new KeyValuePair<string, string>(header.Key, WireValue(header.Key, header.Value)));
                }
            }

            var canonicalRequest = CanonicalRequest(
                request.Method.Method, uri.AbsolutePath, uri.Query, toSign, body, out var signedHeaders);
            var signature = Signature(StringToSign(canonicalRequest, sdkDate), secretKey);
            headers.TryAddWithoutValidation(AuthorizationHeaderName, AuthorizationHeader(accessKey, signedHeaders, signature));
        }

        /// <summary>Host as HttpClient would send it: IDN host in ASCII form, ":port" only when non-default.</summary>
        internal static string HostHeaderValue(Uri uri)
        {
            var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
            return uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>
        /// One header's values joined the way the handler writes them on one line, so the signed value
        /// equals the sent value: product tokens (User-Agent, Server) with a space, Cookie with "; ", the rest with ", ".
        /// </summary>
        private static string WireValue(string name, IEnumerable<string> values)
        {
            string separator;
            if (string.Equals(name, "User-Agent", StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "Server", StringComparison.OrdinalIgnoreCase))
            {
                separator = " ";
            }
            else if (string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
            {
                separator = "; ";
            }
            else
            {
                separator = ", ";
            }

            return string.Join(separator, values);
        }

        private static string? FirstNonEmpty(IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>RFC 3986 encoding of the UTF-8 bytes: A-Z a-z 0-9 - _ . ~ kept, all else %XX (upper-case hex).</summary>
        private static void AppendEncoded(StringBuilder sb, string value)
        {
            foreach (var b in Encoding.UTF8.GetBytes(value))
            {
                if ((b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'0' && b <= (byte)'9')
                    || b == (byte)'-' || b == (byte)'_' || b == (byte)'.' || b == (byte)'~')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
                }
            }
        }

        private const string HexUpper = "0123456789ABCDEF";
        private const string HexLower = "0123456789abcdef";

        private static string Sha256Hex(byte[] data)
        {
            using (var sha = SHA256.Create())
            {
                return ToLowerHex(sha.ComputeHash(data));
            }
        }

        private static string ToLowerHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = HexLower[bytes[i] >> 4];
                chars[2 * i + 1] = HexLower[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
