using MetaStudio.Voice.Emulator;

namespace MetaStudio.Voice.Tests.Infrastructure;

/// <summary>One in-process emulator on a loopback port for a test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string Token = "emulator-token";
    public const string ProjectId = "0123456789abcdef0123456789abcdef";

    public MetaStudioEmulator Emulator { get; private set; } = null!;

    /// <summary>Valid Premium data: one 185 s recording (the default rules want 3 to 60 minutes).</summary>
    public string LongWav { get; private set; } = "";

    private readonly TestData _data = new();

    public async Task InitializeAsync()
    {
        Emulator = await MetaStudioEmulator.StartAsync(new EmulatorOptions());
        LongWav = _data.Wav("long/recording.wav", 185);
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A runspace with the module imported and connected to this emulator.</summary>
    public PsHarness Connect(string extra = "")
    {
        var ps = new PsHarness();
        ps.Set("token", Secrets.Secure(Token));
        ps.Set("endpoint", Emulator.BaseUri.ToString());
        ps.Set("project", ProjectId);
        ps.Set("longWav", LongWav);
        ps.Run($"Connect-MetaStudio -Endpoint $endpoint -ProjectId $project -Token $token {extra}").ThrowOnError();
        return ps;
    }

    public IEnumerable<RecordedRequest> RequestsFor(string jobOrPath)
        => Emulator.Requests.Where(r => r.Path.Contains(jobOrPath, StringComparison.Ordinal));
}
