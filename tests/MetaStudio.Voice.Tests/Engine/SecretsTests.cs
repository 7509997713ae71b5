using System.Web;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Engine;

/// <summary>A whole run with -Verbose -Debug, errors and formatted views: no token and no presigned-URL signature anywhere.</summary>
public sealed class SecretsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;

    public SecretsTests(EmulatorFixture fx) => _fx = fx;

    [Fact]
    public void Token_and_upload_signatures_never_reach_any_stream_error_or_view()
    {
        using var data = new TestData();
        using var ps = _fx.Connect("-Verbose -Debug");
        ps.Set("wav", _fx.LongWav);
        ps.Set("bad", data.Text("bad.mp3", "x"));
        ps.Set("DebugPreference", "Continue");

        ps.Run("""
            $job = New-VoiceTrainingJob -VoiceName 'secret scan' -Path $wav -Verbose -Debug
            $job | Send-VoiceTrainingData -Verbose -Debug | Submit-VoiceTrainingJob -Verbose -Debug
            $job | Out-Default
            $job | Format-List * -ErrorAction Ignore
            $job.ToString()
            $MetaStudioSession | Out-Default
            Get-VoiceTrainingJob -JobId 'no-such-job' -Verbose -Debug
            $job | Submit-VoiceTrainingJob -Verbose -Debug
            $job | Send-VoiceTrainingData -Path $bad -Verbose -Debug
            Send-VoiceTrainingData -JobId $job.JobId -Path $wav -Verbose -Debug
            $Error | ForEach-Object { $_ | Out-Default; $_.Exception.ToString() }
            """);

        var jobId = _fx.Emulator.Jobs.Single(j => j.VoiceName == "secret scan").JobId;
        var signatures = _fx.Emulator.Requests
            .Where(r => r.Method == "PUT" && r.Path.Contains(jobId))
            .Select(r => HttpUtility.ParseQueryString(r.QueryString)["Signature"])
            .Where(s => !string.IsNullOrEmpty(s))
            .SelectMany(s => new[] { s!, Uri.EscapeDataString(s!) })
            .ToList();
        Assert.NotEmpty(signatures);

        var transcript = ps.Transcript;
        Assert.Contains(transcript, t => t.Contains("VERBOSE") || t.Contains("CreateTrainingAdvanceJob")); // the scan saw real output
        Assert.Contains(transcript, t => t.Contains("DEBUG") || t.Contains("request body"));
        Secrets.AssertAbsent(transcript, signatures.Append(EmulatorFixture.Token));
    }
}
