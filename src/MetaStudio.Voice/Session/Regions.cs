using System;
using System.Collections.Generic;
using System.Linq;

namespace MetaStudio.Voice.Session
{
    /// <summary>The regions MetaStudio serves (reference §4), and how to reach them.</summary>
    public static class Regions
    {
        private static readonly string[] Known = { "cn-north-4", "cn-east-3", "ap-southeast-3" };

        /// <summary>The region ids with a MetaStudio endpoint.</summary>
        public static IReadOnlyList<string> Names => Known;

        public static bool IsKnown(string? region) => region != null && Known.Contains(region, StringComparer.OrdinalIgnoreCase);

        public static Uri MetaStudioEndpoint(string region) => new Uri($"https://metastudio.{region.ToLowerInvariant()}.myhuaweicloud.com/");

        public static Uri IamEndpoint(string region) => new Uri($"https://iam.{region.ToLowerInvariant()}.myhuaweicloud.com/");

        /// <summary>HTTPS always; plain HTTP only to this machine (the emulator) unless the user allows it.</summary>
        public static bool IsAllowedScheme(Uri endpoint, bool allowInsecureHttp)
        {
            if (endpoint.Scheme == Uri.UriSchemeHttps) return true;
            if (endpoint.Scheme != Uri.UriSchemeHttp) return false;
            return allowInsecureHttp || endpoint.IsLoopback;
        }
    }
}
