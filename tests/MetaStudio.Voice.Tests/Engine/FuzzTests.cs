using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Tests.Fixtures;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>
/// Hundreds of malformed inputs through the cmdlets: each gets a specific answer (a report or an
/// ErrorRecord with a known id), never an unexpected exception, never a hang.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    /// <summary>Every error is one the module names; nothing escaped as an unexpected exception.</summary>
    private static void NoUnexpected(PsResult r)
    {
        Assert.DoesNotContain(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("UnexpectedError,"));
        Assert.All(r.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Exception.Message)));
    }

    [Fact]
    public void Mutated_wav_files_always_give_a_report()
    {
        var random = new Random(11);
        var good = WavFixture.Pcm().Seconds(6).Sine(440).ToArray();
        var paths = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var bytes = (byte[])good.Clone();
            switch (i % 4)
            {
                case 0: for (var k = 0; k < 1 + random.Next(8); k++) bytes[random.Next(Math.Min(200, bytes.Length))] = (byte)random.Next(256); break;
                case 1: Array.Resize(ref bytes, random.Next(0, 300)); break;
                case 2: for (var k = 0; k < 4; k++) BitConverter.GetBytes(random.Next()).CopyTo(bytes, 4 + random.Next(40)); break;
                default: random.NextBytes(bytes.AsSpan(0, random.Next(1, 64))); break;
            }
            var path = Path.Combine(_data.Root, $"m{i}.wav");
            File.WriteAllBytes(path, bytes);
            paths.Add(path);
        }
        using var ps = new PsHarness();
        ps.Set("paths", paths.ToArray());
        var r = ps.Run("$paths | Test-VoiceTrainingData -Edition Premium");
        NoUnexpected(r);
        Assert.Empty(r.Errors);
        Assert.Equal(150, r.Output.Count);
        Assert.All(r.Output, o => Assert.IsType<VoiceTrainingDataReport>(o.BaseObject));
    }

    [Fact]
    public void Corrupted_zips_always_give_a_report()
    {
        var random = new Random(12);
        var folder = _data.Folder("zipsrc");
        for (var i = 0; i < 20; i++) { _data.Wav($"zipsrc/{i}.wav", 5.5, i); _data.Text($"zipsrc/{i}.txt", "text"); }
        var good = Path.Combine(_data.Root, "good.zip");
        ZipFile.CreateFromDirectory(folder, good);
        var bytes = File.ReadAllBytes(good);
        var paths = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            var copy = (byte[])bytes.Clone();
            if (i % 2 == 0) Array.Resize(ref copy, random.Next(0, copy.Length));
            else for (var k = 0; k < 20; k++) copy[random.Next(copy.Length)] = (byte)random.Next(256);
            var path = Path.Combine(_data.Root, $"z{i}.zip");
            File.WriteAllBytes(path, copy);
            paths.Add(path);
        }
        using var ps = new PsHarness();
        ps.Set("paths", paths.ToArray());
        var r = ps.Run("$paths | Test-VoiceTrainingData -Edition Basic");
        NoUnexpected(r);
        Assert.Equal(80, r.Output.Count + r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Matches("^(FileReadError|TrainingDataNotFound|InvalidArgument),", e.FullyQualifiedErrorId));
    }

    [Fact]
    public void Odd_parameter_values_get_binding_errors_or_specific_ids()
    {
        var values = new[] { "", " ", "\u0000", "用户", "a\nb", new string('x', 20_000), "'; DROP TABLE jobs;--", "${env:PATH}", "-VoiceName", "\ud83d\ude00" };
        using var ps = new PsHarness();
        var errors = new List<string>();
        foreach (var v in values)
        {
            ps.Set("v", v);
            foreach (var script in new[]
            {
                "New-VoiceTrainingJob -VoiceName $v", "New-VoiceTrainingJob -VoiceName x -AppUserId $v", "New-VoiceTrainingJob -VoiceName x -Tag $v",
                "Get-VoiceTrainingJob -JobId $v", "Test-VoiceTrainingData -Path $v", "Connect-MetaStudio -Region $v -ProjectId p -Token ([System.Security.SecureString]::new())",
                "Wait-VoiceTrainingJob -JobId $v -PollInterval $v", "Send-VoiceTrainingData -JobId $v -Path $v", "Get-VoiceTrainingJob -State $v -Edition $v",
            })
            {
                var r = ps.Run(script);
                NoUnexpected(r);
                errors.AddRange(r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            }
        }
        Assert.NotEmpty(errors);
        Assert.All(errors, id => Assert.Matches("^(Parameter|CannotConvert|NoSession|InvalidAppUserId|UnknownRegion|RegionRequired|TrainingDataNotFound|InvalidPath|InvalidArgument|ProjectIdRequired)", id));
    }

    /// <summary>A server that answers every request with one canned raw HTTP response.</summary>
    private sealed class CannedServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        public byte[] Response = Array.Empty<byte>();

        public CannedServer()
        {
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); } catch { return; }
                _ = Task.Run(async () =>
                {
                    using (client)
                    {
                        var stream = client.GetStream();
                        var buffer = new byte[65536];
                        try
                        {
                            var read = await stream.ReadAsync(buffer, _stop.Token); // headers and a small body
                            if (read <= 0) return;
                            await stream.WriteAsync(Response, _stop.Token);
                            await stream.FlushAsync(_stop.Token);
                            client.Client.Shutdown(SocketShutdown.Send);
                            await Task.Delay(50);
                        }
                        catch { }
                    }
                });
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }

    private static byte[] Http(int status, string contentType, string body, string? extraHeaders = null)
        => Encoding.UTF8.GetBytes($"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n{extraHeaders}\r\n{body}");

    [Fact]
    public void Broken_service_answers_become_specific_errors_never_crashes_or_hangs()
    {
        var random = new Random(13);
        var bodies = new List<(int Status, string Type, string Body)>
        {
            (200, "application/json", ""), (200, "application/json", "{"), (200, "application/json", "null"), (200, "application/json", "[]"),
            (200, "application/json", "{\"job_id\": 5}"), (200, "application/json", "{\"job_id\": null}"), (200, "application/json", "{\"state\": {\"x\": 1}}"),
            (200, "application/json", "{\"create_time\": \"yesterday\"}"), (200, "application/json", "{\"create_time\": 1e400}"),
            (200, "application/json", "{\"job_id\": \"" + new string('j', 1_000_000) + "\"}"), (200, "text/html", "<html>proxy login</html>"),
            (400, "application/json", "{\"error_code\": 12, \"error_msg\": [1,2]}"), (400, "application/json", "{\"error\": {\"error\": {\"error\": {\"code\": \"deep\"}}}}"),
            (500, "application/xml", "<Error><Code>InternalError</Code>"), (502, "text/plain", new string('\u0000', 100)), (404, "application/json", "not json"),
            (401, "application/json", "{\"error_code\":\"APIGW.0301\"}"), (200, "application/json", "{\"count\": -5, \"jobs\": [null, 1, \"x\"]}"),
            (200, "application/json", "{\"count\": 99999999999, \"jobs\": []}"),
        };
        for (var i = 0; i < 60; i++)
        {
            var raw = new byte[random.Next(1, 200)];
            random.NextBytes(raw);
            bodies.Add((new[] { 200, 400, 500 }[i % 3], i % 2 == 0 ? "application/json" : "application/xml", Encoding.Latin1.GetString(raw)));
        }

        using var server = new CannedServer();
        using var ps = new PsHarness();
        ps.Set("token", Secrets.Secure("t"));
        ps.Run($"Connect-MetaStudio -Endpoint http://127.0.0.1:{server.Port}/ -ProjectId p -Token $token -MaxRetry 0").ThrowOnError();
        var ids = new HashSet<string>();
        foreach (var (status, type, body) in bodies)
        {
            server.Response = Http(status, type, body);
            foreach (var script in new[] { "Get-VoiceTrainingJob -JobId j1", "Get-VoiceTrainingJob -First 3", "New-VoiceTrainingJob -VoiceName v" })
            {
                var r = ps.Run(script);
                NoUnexpected(r);
                foreach (var e in r.Errors) ids.Add(e.FullyQualifiedErrorId.Split(',')[0]);
            }
        }
        Assert.Contains("InvalidServiceResponse", ids);
        Assert.All(ids, id => Assert.Matches(@"^(InvalidServiceResponse|HTTP\d{3}|MSS\.|APIGW\.|NetworkError|CreateOutcomeUnknown|deep|12|X)", id));
    }
}
