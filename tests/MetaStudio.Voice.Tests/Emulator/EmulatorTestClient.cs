using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Emulator;

/// <summary>A plain HttpClient over real sockets against an in-process emulator, plus small helpers.</summary>
internal sealed class EmulatorTestClient : IAsyncDisposable
{
    public const string Token = EmulatorOptions.DefaultToken;
    public const string Project = EmulatorOptions.DefaultProjectId;

    private EmulatorTestClient(MetaStudioEmulator emulator)
    {
        Emulator = emulator;
        Http = new HttpClient(new SocketsHttpHandler
        {
            // Lets a test send a non-ASCII X-App-UserId (HttpClient refuses by default).
            RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8,
        })
        { BaseAddress = emulator.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public MetaStudioEmulator Emulator { get; }
    public HttpClient Http { get; }

    public static async Task<EmulatorTestClient> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions();
        configure?.Invoke(options);
        return new EmulatorTestClient(await MetaStudioEmulator.StartAsync(options));
    }

    public static string Api(string relative, string project = Project) => $"v1/{project}/voice-training-manage/{relative}";

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? json = null,
        string? token = Token, string project = Project, string contentType = "application/json", string? appUserId = null)
    {
        var request = new HttpRequestMessage(method, Api(relative, project));
        if (token is not null) request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        if (appUserId is not null) request.Headers.TryAddWithoutValidation("X-App-UserId", appUserId);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return Http.SendAsync(request);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> CallAsync(HttpMethod method, string relative,
        string? json = null, string? token = Token, string project = Project, string contentType = "application/json", string? appUserId = null)
    {
        var response = await SendAsync(method, relative, json, token, project, contentType, appUserId);
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return (response, doc.RootElement.Clone());
    }

    public async Task<JsonElement> CreateAsync(string edition, string json, string? appUserId = null)
    {
        var (response, body) = await CallAsync(HttpMethod.Post, $"user/{edition}-jobs", json, appUserId: appUserId);
        Assert.Equal(200, (int)response.StatusCode);
        return body;
    }

    public async Task<JsonElement> GetJobAsync(string jobId)
    {
        var (response, body) = await CallAsync(HttpMethod.Get, $"user/jobs/{jobId}");
        Assert.Equal(200, (int)response.StatusCode);
        return body;
    }

    public async Task<string> StateAsync(string jobId) => (await GetJobAsync(jobId)).GetProperty("state").GetString()!;

    public Task<HttpResponseMessage> PutAsync(string url, byte[] data, string? contentType)
    {
        var content = new ByteArrayContent(data);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Http.PutAsync(url, content);
    }

    public async Task UploadPackageAsync(JsonElement created, byte[]? data = null)
    {
        using var response = await PutAsync(created.GetProperty("training_data_uploading_url").GetString()!, data ?? RandomBytes(1024), "application/zip");
        Assert.Equal(200, (int)response.StatusCode);
    }

    public async Task<HttpResponseMessage> CommitAsync(string jobId, string? json = null) =>
        await SendAsync(HttpMethod.Post, $"user/jobs/{jobId}", json);

    public static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    public static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A clock the test moves by hand (job times, URL expiry and the state machine follow it).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

internal static class JsonAssert
{
    public static void Error(JsonElement body, string code, string? messageContains = null)
    {
        Assert.Equal(code, body.GetProperty("error_code").GetString());
        var message = body.GetProperty("error_msg").GetString()!;
        if (messageContains is not null) Assert.Contains(messageContains, message);
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("request_id").GetString()!);
    }

    public static IReadOnlyList<string> Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToList();
}
