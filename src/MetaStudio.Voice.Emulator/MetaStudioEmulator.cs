using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// A local emulator of MetaStudio voice training and OBS presigned uploads on a real Kestrel socket.
/// Start with <see cref="StartAsync"/>; dispose to stop (and delete the temp data directory it created).
/// </summary>
public sealed class MetaStudioEmulator : IAsyncDisposable, IDisposable
{
    /// <summary>Request bodies of the REST routes are capped (uploads lift the cap per request).</summary>
    private const long RestBodyLimit = 30L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly EmulatorServices _services;
    private readonly bool _ownsDataDirectory;
    private int _disposed;

    private MetaStudioEmulator(WebApplication app, EmulatorServices services, Uri baseUri, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        _services = services;
        BaseUri = baseUri;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with the trailing slash).</summary>
    public Uri BaseUri { get; }

    public EmulatorOptions Options => _services.Options;

    /// <summary>Snapshot of the answered requests (admin /_emulator requests excluded), in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _services.Recorder.Snapshot();

    public void ClearRequests() => _services.Recorder.Clear();

    /// <summary>Snapshot of the completed uploads.</summary>
    public IReadOnlyList<StoredObject> Objects => _services.Objects.Snapshot();

    /// <summary>A snapshot of the job (state advanced to now), or null.</summary>
    public EmulatorJob? GetJob(string jobId) => _services.Jobs.Find(jobId);

    /// <summary>Snapshots of every job, in creation order.</summary>
    public IReadOnlyList<EmulatorJob> Jobs => _services.Jobs.Snapshot();

    public string DataDirectory { get; }

    /// <summary>The access key id that appears in the upload URLs (AccessKeyId=...).</summary>
    public string ObsAccessKeyId => _services.Signer.AccessKeyId;

    /// <summary>
    /// Test hook: forces a job into <paramref name="state"/> (any JobState value) and stops its automatic walk.
    /// Returns false for an unknown job.
    /// </summary>
    public bool SetJobState(string jobId, string state, string? jobFailedCode = null, string? jobFailedReason = null)
    {
        if (!JobStates.All.Contains(state)) throw new ArgumentException($"Unknown job state '{state}'.", nameof(state));
        return _services.Jobs.Force(jobId, state, jobFailedCode, jobFailedReason);
    }

    // Fault injection, short jobs, receipt checks
    private FaultInjector _faults = null!;
    private ShortJobStore _shortJobs = null!;

    /// <summary>Replaces the fault plan (null = no faults); restarts the per-rule random sequences and counters.</summary>
    public void SetFaults(FaultPlan? plan) => _faults.Set(plan);

    /// <summary>A copy of the current fault plan, or null.</summary>
    public FaultPlan? Faults => _faults.Current;

    /// <summary>The faults injected so far, in order.</summary>
    public IReadOnlyList<InjectedFault> InjectedFaults => _faults.Injected;

    public void ClearInjectedFaults() => _faults.ClearInjected();

    /// <summary>A snapshot of the short job (state advanced to now), or null.</summary>
    public EmulatorShortJob? GetShortJob(string jobId) => _shortJobs.Find(jobId);

    /// <summary>Snapshots of every short job, in creation order.</summary>
    public IReadOnlyList<EmulatorShortJob> ShortJobs => _shortJobs.Snapshot();

    public static async Task<MetaStudioEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmulatorOptions();
        var address = ParseHost(options.Host);
        var ownsDirectory = options.DataDirectory is null;
        var dataDirectory = Path.GetFullPath(options.DataDirectory
            ?? Path.Combine(Path.GetTempPath(), "metastudio-emulator-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(dataDirectory);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(MetaStudioEmulator).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RestBodyLimit;
            // Let non-ASCII header bytes through (as Latin-1) so X-App-UserId can be refused with MSS.00000003
            // instead of Kestrel's bare 400.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
            kestrel.Listen(address, options.Port);
        });
        builder.Services.AddRouting();
        builder.Services.AddSingleton<IHostLifetime, NoConsoleLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(3));

        var app = builder.Build();

        Uri? baseUri = null;
        var signer = ObsSigner.CreateRandom();
        // Authentication (IAM, AK/SK), throttling, quotas
        var iamTokens = new IamTokenStore();
        var rateLimiter = new ProjectRateLimiter(options);
        var services = new EmulatorServices
        {
            Options = options,
            Jobs = new JobStore(options.TimeProvider, () => options.StepDelay),
            Objects = new ObjectStore(dataDirectory, options.DiscardUploads, options.TimeProvider, options.HashUploads),
            Signer = signer,
            Urls = new UploadUrlFactory(signer, () => baseUri!, options),
            Recorder = new RequestRecorder(),
            Authorizer = RequestAuthorizer.Create(options, iamTokens, rateLimiter),
            IamTokens = iamTokens,
            IamProjects = new IamProjects(options),
            RateLimiter = rateLimiter,
            Quotas = new QuotaLedger(options),
        };

        // Fault injection, short jobs, receipt checks
        var faults = new FaultInjector(options.Faults);
        var shortJobs = new ShortJobStore(options.TimeProvider, () => options.StepDelay);

        app.UseMiddleware<RecordingMiddleware>(services.Recorder, options);
        app.Use(ErrorShapingMiddleware);
        app.UseMiddleware<FaultMiddleware>(faults, options); // inside recording, before every handler
        app.Use(SignedBodyBuffer.InvokeAsync); // AK/SK: body bytes for the signature check
        app.UseRouting();
        new VoiceTrainingEndpoints(services).Map(app);
        new ObsEndpoints(services).Map(app);
        new AdminEndpoints(services).Map(app);
        new ShortJobEndpoints(services, shortJobs, () => baseUri!).Map(app);
        new FaultAdminEndpoints(faults).Map(app);
        new IamEndpoints(services).Map(app);
        new ThrottleAdminEndpoints(services).Map(app);

        await app.StartAsync(ct);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        if (string.Equals(options.Host, "localhost", StringComparison.OrdinalIgnoreCase)) host = "localhost";
        baseUri = new Uri($"http://{host}:{port}/");
        return new MetaStudioEmulator(app, services, baseUri, dataDirectory, ownsDirectory) { _faults = faults, _shortJobs = shortJobs };
    }

    /// <summary>
    /// Adds X-Request-Id to REST answers and gives unmatched routes the service's error shapes:
    /// /v1 unknown route → 404 MSS.00010003, known route + wrong method → 405 MSS.00010004;
    /// /obs → OBS XML (404 NoSuchKey / 405 MethodNotAllowed).
    /// </summary>
    private static async Task ErrorShapingMiddleware(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "/";
        var isObs = path.StartsWith("/obs/", StringComparison.Ordinal);
        var isRest = path.StartsWith("/v1/", StringComparison.Ordinal) || path == "/v1";
        if (isRest) context.Response.Headers["X-Request-Id"] = RequestIds.Get(context);

        await next(context);

        if (context.Response.HasStarted || context.Response.StatusCode is not (404 or 405)) return;
        var status = context.Response.StatusCode;
        if (isRest)
        {
            await Json.WriteErrorAsync(context, status == 405 ? ApiErrors.MethodNotAllowed() : ApiErrors.ApiNotFound());
        }
        else if (isObs)
        {
            await ObsError.WriteAsync(context, status,
                status == 405 ? "MethodNotAllowed" : "NoSuchKey",
                status == 405 ? "The specified method is not allowed against this resource." : "The specified key does not exist.");
        }
    }

    private static IPAddress ParseHost(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return IPAddress.Loopback;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address)) return address;
        throw new ArgumentException($"Host must be an IP address or 'localhost', not '{host}'.", nameof(host));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            if (_ownsDataDirectory)
            {
                try { Directory.Delete(DataDirectory, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The emulator never hooks Ctrl+C itself (the test host or Program.cs owns the console).</summary>
    private sealed class NoConsoleLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
