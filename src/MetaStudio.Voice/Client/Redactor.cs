using System;
using System.Text.RegularExpressions;

namespace MetaStudio.Voice.Client
{
    /// <summary>
    /// The one place where secrets are taken out of text before it reaches any stream, error or
    /// ToString: presigned-URL query strings (OBS Signature/AccessKeyId/Expires, S3 X-Amz-*, Azure sig)
    /// and credential headers. Everything the module writes passes through here.
    /// </summary>
    internal static class Redactor
    {
        public const string Mask = "<redacted>";

        // Any absolute URL with a query: keep scheme, host and path, drop the query whole (once: a masked one stays as it is).
        private static readonly Regex UrlQuery = new Regex(@"(?<url>\b(?:https?|ftp)://[^\s?#""'<>]+)\?(?!<redacted>)[^\s""'<>]*",
            RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // Credential headers or parameters written as name: value / name=value.
        private static readonly Regex SecretPair = new Regex(
            @"(?<name>\b(?:X-Auth-Token|X-Subject-Token|X-Security-Token|Authorization|Signature|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|AccessKeyId|x-obs-security-token|sig|password|secret_key|SecretKey)\b""?\s*[:=]\s*""?)(?<value>[^\s,&""]+)",
            RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>A URL fit to show: scheme, host and path, never the query.</summary>
        public static string Url(Uri? uri)
        {
            if (uri == null) return "";
            if (!uri.IsAbsoluteUri) return Text(uri.OriginalString);
            var left = uri.GetLeftPart(UriPartial.Path);
            return string.IsNullOrEmpty(uri.Query) ? left : left + "?" + Mask;
        }

        /// <summary>Free text fit to show.</summary>
        public static string Text(string? text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            var s = UrlQuery.Replace(text, m => m.Groups["url"].Value + "?" + Mask);
            return SecretPair.Replace(s, m => m.Groups["name"].Value + Mask);
        }
    }
}
