using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>-Proxy and -ProxyCredential carry REST calls and uploads alike.</summary>
public sealed class ProxyTests
{
    /// <summary>
    /// A forward proxy that records each request line (absolute-form URI) and answers it itself, as if
    /// the service were behind it; it asks for Basic credentials first when told to.
    /// </summary>
    private sealed class RecordingProxy : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Func<string, string, string> _answer;
        public ConcurrentQueue<(string RequestLine, string Headers, int BodyBytes)> Seen { get; } = new();
        public string? RequiredAuthorization { get; set; }

        public RecordingProxy(Func<string, string, string> answer)
        {
            _answer = answer;
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public Uri Uri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
                _ = Task.Run(() => Serve(client));
            }
        }

        private async Task Serve(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    var head = new StringBuilder();
                    var one = new byte[1];
                    while (!head.ToString().EndsWith("\r\n\r\n") && await stream.ReadAsync(one, _stop.Token) == 1) head.Append((char)one[0]);
                    var text = head.ToString();
                    var lines = text.Split("\r\n");
                    var length = lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)).Select(l => long.Parse(l.Split(':')[1].Trim())).FirstOrDefault();
                    if (RequiredAuthorization != null && !lines.Any(l => l.Equals("Proxy-Authorization: " + RequiredAuthorization, StringComparison.OrdinalIgnoreCase)))
                    {
                        Seen.Enqueue((lines[0], text, 0));
                        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                        return;
                    }
                    var buffer = new byte[65536];
                    long read = 0;
                    while (read < length)
                    {
                        var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - read)), _stop.Token);
                        if (n <= 0) break;
                        read += n;
                    }
                    Seen.Enqueue((lines[0], text, (int)read));
                    var body = _answer(lines[0], text);
                    var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
                }
                catch { }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    [Fact]
    public void Rest_calls_and_uploads_go_through_the_proxy_with_its_credentials()
    {
        // Hosts that do not resolve: only a proxy can reach them, so nothing can bypass it unnoticed.
        const string service = "http://metastudio.invalid:8080/";
        const string upload = "http://bucket.obs.invalid:8080/data.zip?AccessKeyId=AK&Expires=9999999999&Signature=S";
        using var proxy = new RecordingProxy((line, _) => line.StartsWith("POST ") && line.Contains("/advance-jobs")
            ? $"{{\"job_id\":\"proxied-job\",\"training_data_uploading_url\":\"{upload}\"}}"
            : "{}");
        proxy.RequiredAuthorization = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("proxy-user:proxy-pass"));
        using var data = new TestData();
        var zip = data.Text("data.zip", "PK\u0003\u0004 zip bytes for the proxy");
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure("t"));
        ps.Set("proxy", proxy.Uri);
        ps.Set("proxyCred", new System.Management.Automation.PSCredential("proxy-user", Secrets.Secure("proxy-pass")));
        ps.Set("zip", zip);
        ps.Run($"Connect-MetaStudio -Endpoint {service} -AllowInsecureHttp -ProjectId p -Token $token -Proxy $proxy -ProxyCredential $proxyCred -MaxRetry 0").ThrowOnError();

        var job = ps.Run("New-VoiceTrainingJob -VoiceName 'via proxy' | Send-VoiceTrainingData -Path $zip -SkipValidation").ThrowOnError().Single<VoiceTrainingJob>();

        Assert.Equal("proxied-job", job.JobId);
        var seen = proxy.Seen.ToList();
        Assert.Contains(seen, s => s.RequestLine.StartsWith("POST http://metastudio.invalid:8080/v1/p/voice-training-manage/user/advance-jobs ") && s.Headers.Contains("Proxy-Authorization: Basic"));
        var put = Assert.Single(seen, s => s.RequestLine.StartsWith("PUT http://bucket.obs.invalid:8080/data.zip?") && s.Headers.Contains("Proxy-Authorization: Basic"));
        Assert.Equal(new FileInfo(zip).Length, put.BodyBytes);
        Assert.Contains(seen, s => s.RequestLine.StartsWith("POST ") && !s.Headers.Contains("Proxy-Authorization")); // the challenge came first
    }

    [Fact]
    public void Proxy_credentials_need_a_proxy()
    {
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure("t"));
        ps.Set("proxyCred", new System.Management.Automation.PSCredential("u", Secrets.Secure("p")));
        var error = Assert.Single(ps.Run("Connect-MetaStudio -Endpoint http://127.0.0.1:1/ -ProjectId p -Token $token -ProxyCredential $proxyCred").Errors);
        Assert.StartsWith("ProxyRequired,", error.FullyQualifiedErrorId);
    }
}
