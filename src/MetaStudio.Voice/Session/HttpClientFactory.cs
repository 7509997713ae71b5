using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Threading;

namespace MetaStudio.Voice.Session
{
    /// <summary>
    /// Builds the session's HTTP clients. Every setting is per handler, never process-wide
    /// (no ServicePointManager): other modules in the same process keep their own behaviour.
    /// </summary>
    internal static class HttpClientFactory
    {
        private static bool IsNetFramework =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

        /// <summary>For REST calls: small answers, so an overall timeout is right.</summary>
        public static HttpClient CreateRestClient(IWebProxy? proxy, TimeSpan timeout)
            => new HttpClient(CreateHandler(proxy, allowRedirect: false), disposeHandler: true) { Timeout = timeout };

        /// <summary>
        /// For presigned uploads: no overall timeout (it would kill a large upload; callers bound each
        /// attempt themselves), no redirects (a 3xx must not take our data elsewhere), no auth headers ever.
        /// </summary>
        public static HttpClient CreateStorageClient(IWebProxy? proxy)
            => new HttpClient(CreateHandler(proxy, allowRedirect: false), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        private static HttpClientHandler CreateHandler(IWebProxy? proxy, bool allowRedirect)
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = allowRedirect,
                UseCookies = false,
                // Windows PowerShell 5.1 would otherwise allow 2 connections per host.
                MaxConnectionsPerServer = 32,
            };
            if (proxy != null)
            {
                handler.Proxy = proxy;
                handler.UseProxy = true;
            }
            // .NET Framework may default to TLS 1.0; set it on this handler only.
            if (IsNetFramework) handler.SslProtocols = SslProtocols.Tls12;
            return handler;
        }
    }
}
