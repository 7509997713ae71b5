using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MetaStudio.Voice.Benchmarks;

/// <summary>
/// The emulator as a separate process in sink mode (--discard-uploads --no-hash: bytes are counted, not hashed, never
/// stored; signatures, Content-Type and Content-Length are still checked), plus a plain REST client for it.
/// Out of process so the benchmark process holds only the module: its memory and CPU are the module's.
/// </summary>
internal sealed class Emulator : IAsyncDisposable
{
    public const string Token = "emulator-token";
    public const string Project = "0123456789abcdef0123456789abcdef";

    private readonly Process _process;
    private readonly string _urlFile;

    private Emulator(Process process, Uri baseUri, string urlFile)
    {
        _process = process;
        BaseUri = baseUri;
        _urlFile = urlFile;
        Http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        Http.DefaultRequestHeaders.TryAddWithoutValidation("X-Auth-Token", Token);
    }

    public Uri BaseUri { get; }
    public HttpClient Http { get; }
    public int ProcessId => _process.Id;

    public static async Task<Emulator> StartAsync(string workDir, string? stepDelay = null)
    {
        if (!File.Exists(Repo.EmulatorDll))
            throw new FileNotFoundException($"The emulator is not built: {Repo.EmulatorDll}. Run the benchmark with dotnet run -c {Repo.Configuration}.");
        var urlFile = Path.Combine(workDir, "emulator-" + Guid.NewGuid().ToString("N") + ".url");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Repo.EmulatorDll, "--port", "0", "--url-file", urlFile, "--discard-uploads", "--no-hash" }) psi.ArgumentList.Add(a);
        if (stepDelay != null) { psi.ArgumentList.Add("--step-delay"); psi.ArgumentList.Add(stepDelay); }
        psi.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (!string.IsNullOrEmpty(e.Data)) Console.Error.WriteLine("[emulator] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (!File.Exists(urlFile))
        {
            if (process.HasExited) throw new InvalidOperationException($"The emulator exited with code {process.ExitCode}.");
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) { process.Kill(); throw new TimeoutException("The emulator did not start in 60 s."); }
            await Task.Delay(50);
        }
        var uri = new Uri((await File.ReadAllTextAsync(urlFile)).Trim());
        return new Emulator(process, uri, urlFile);
    }

    private static string Api(string relative) => $"v1/{Project}/voice-training-manage/{relative}";

    public async Task<JsonElement> PostAsync(string relative, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(Api(relative), content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {relative}: HTTP {(int)response.StatusCode} {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>A PACKAGE job of the Premium edition (API: advance-jobs); returns (job id, package URL).</summary>
    public async Task<(string JobId, string Url)> CreatePackageJobAsync(string name)
    {
        var body = await PostAsync("user/advance-jobs", JsonSerializer.Serialize(new { voice_name = name }));
        return (body.GetProperty("job_id").GetString()!, body.GetProperty("training_data_uploading_url").GetString()!);
    }

    /// <summary>A SEGMENT job of the Advanced edition (API: middle-jobs, 100 sentences); returns its URLs.</summary>
    public async Task<(string JobId, string[] Audio, string[] Text)> CreateSegmentJobAsync(string name)
    {
        var body = await PostAsync("user/middle-jobs", JsonSerializer.Serialize(new { voice_name = name, create_type = "SEGMENT" }));
        var seg = body.GetProperty("segment_uploading_url");
        return (body.GetProperty("job_id").GetString()!,
            seg.GetProperty("audio_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToArray(),
            seg.GetProperty("txt_uploading_url").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    public string ConfirmUrl(string jobId, int index) => new Uri(BaseUri, Api($"user/training-segment?job_id={jobId}&index={index}")).ToString();

    public async Task PutAsync(string url, byte[] data, string contentType)
    {
        using var content = new ByteArrayContent(data);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await Http.PutAsync(url, content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT: HTTP {(int)response.StatusCode}");
    }

    public Task CommitAsync(string jobId) => PostAsync($"user/jobs/{jobId}", "{}");

    public async Task ClearRequestsAsync() => (await Http.DeleteAsync("_emulator/requests")).EnsureSuccessStatusCode();

    /// <summary>(method, path, status) of every request since the last clear.</summary>
    public async Task<List<(string Method, string Path, int Status)>> RequestsAsync()
    {
        var text = await Http.GetStringAsync("_emulator/requests");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.EnumerateArray().Select(r => (
            r.GetProperty("method").GetString()!, r.GetProperty("path").GetString()!,
            r.TryGetProperty("status_code", out var s) ? s.GetInt32() : r.TryGetProperty("status", out var s2) ? s2.GetInt32() : 0)).ToList();
    }

    public TimeSpan CpuTime
    {
        get { _process.Refresh(); return _process.TotalProcessorTime; }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                // SIGTERM: the emulator stops cleanly and deletes its data directory.
                Proc.Run("kill", new[] { "-TERM", _process.Id.ToString() });
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try { await _process.WaitForExitAsync(cts.Token); }
                catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
        }
        finally
        {
            _process.Dispose();
            try { File.Delete(_urlFile); } catch (IOException) { }
        }
    }
}
