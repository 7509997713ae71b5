using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MetaStudio.Voice.Benchmarks;

/// <summary>
/// A minimal HTTP/1.1 PUT sink (the recipe of upload-and-retry.md §5.3): reads the headers, answers
/// "Expect: 100-continue", discards Content-Length bytes with 1 MiB reads (no hashing, no storing), answers 200 with an
/// ETag; refuses chunked bodies with 411 like OBS. Runs as its own process (this program with --sink-child) so that
/// neither client shares a process with it. Used to show what the clients can do when the server is not the limit.
/// </summary>
internal static class RawSink
{
    public static async Task<int> RunAsync(string urlFile)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await File.WriteAllTextAsync(urlFile + ".tmp", $"http://127.0.0.1:{port}/");
        File.Move(urlFile + ".tmp", urlFile, overwrite: true);
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync();
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private static async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var buffer = new byte[1024 * 1024];
        int filled = 0;
        try
        {
            while (true)
            {
                // Read until the end of the headers.
                int headerEnd;
                while ((headerEnd = IndexOf(buffer, filled)) < 0)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled));
                    if (n == 0) return;
                    filled += n;
                }
                var head = Encoding.ASCII.GetString(buffer, 0, headerEnd);
                long length = -1;
                bool expect = false, chunked = false;
                foreach (var line in head.Split("\r\n").Skip(1))
                {
                    var colon = line.IndexOf(':');
                    if (colon < 0) continue;
                    var name = line[..colon].Trim();
                    var value = line[(colon + 1)..].Trim();
                    if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = long.Parse(value);
                    else if (name.Equals("Expect", StringComparison.OrdinalIgnoreCase) && value.Equals("100-continue", StringComparison.OrdinalIgnoreCase)) expect = true;
                    else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
                }
                var bodyStart = headerEnd + 4;
                if (chunked || length < 0)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 411 Length Required\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    return;
                }
                if (expect) await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n"));
                long have = filled - bodyStart;
                long surplus = 0;
                if (have > length) { surplus = have - length; have = length; }
                var remaining = length - have;
                if (surplus > 0) Buffer.BlockCopy(buffer, (int)(bodyStart + length), buffer, 0, (int)surplus);
                filled = (int)surplus;
                while (remaining > 0)
                {
                    var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)));
                    if (n == 0) return;
                    remaining -= n;
                }
                await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nETag: \"0\"\r\nContent-Length: 0\r\n\r\n"));
            }
        }
        catch (IOException) { }
    }

    private static int IndexOf(byte[] b, int count)
    {
        for (var i = 0; i + 3 < count; i++)
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') return i;
        return -1;
    }
}

/// <summary>The raw sink as a child process of this benchmark.</summary>
internal sealed class RawSinkProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private RawSinkProcess(System.Diagnostics.Process process, Uri baseUri) { _process = process; BaseUri = baseUri; }

    public Uri BaseUri { get; }
    public int ProcessId => _process.Id;

    public static RawSinkProcess Start(string workDir)
    {
        var urlFile = Path.Combine(workDir, "rawsink-" + Guid.NewGuid().ToString("N") + ".url");
        var self = Environment.ProcessPath!;
        var psi = new System.Diagnostics.ProcessStartInfo(self) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        psi.ArgumentList.Add("--sink-child");
        psi.ArgumentList.Add(urlFile);
        var p = System.Diagnostics.Process.Start(psi)!;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(urlFile))
        {
            if (p.HasExited || watch.Elapsed > TimeSpan.FromSeconds(30)) throw new InvalidOperationException("The raw sink did not start.");
            Thread.Sleep(20);
        }
        var uri = new Uri(File.ReadAllText(urlFile).Trim());
        File.Delete(urlFile);
        return new RawSinkProcess(p, uri);
    }

    /// <summary>The same path and query on the sink's host and port.</summary>
    public Uri Redirect(Uri url) => new UriBuilder(url) { Host = BaseUri.Host, Port = BaseUri.Port }.Uri;

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(5000); } }
        finally { _process.Dispose(); }
    }
}
