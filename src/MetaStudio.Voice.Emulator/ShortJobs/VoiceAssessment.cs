using System.Globalization;
using System.IO.Compression;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The emulator's deterministic stand-in for the VOICE_ASSESS quality assessment. The same upload always gives the
/// same result. Rule (k = size of the uploaded zip in bytes; the "first WAV" is the first entry, in zip order, whose
/// name ends in .wav):
/// <list type="bullet">
/// <item>Not a zip → FAILED MSS.40000002; no .wav entry → FAILED MSS.40000002; the first .wav is not a readable
/// RIFF/WAVE (see WavProbe) → FAILED MSS.40000003. Otherwise SUCCEED with assess_result:</item>
/// <item>speed (chars/s): expected "[3.0, 5.5]", actual 4.0 + (k mod 10)/10, status 0.</item>
/// <item>sound (dBFS): expected "[-30.0, -15.0]", actual −24 + (k mod 7), status 0.</item>
/// <item>reverb (RT60 s): expected "[0.00, 0.60]", actual 0.20 + (k mod 30)/100, status 0.</item>
/// <item>sample rate ≥ 16000 Hz ("good"): snr (dB) expected "≥ 20.0" actual 25.0 + (k mod 100)/10;
/// dnsmos_ovrl expected "≥ 3.00" actual 3.20 + (k mod 50)/100; dnsmos_bak expected "≥ 3.00" actual 3.60 + (k mod 40)/100;
/// all status 0.</item>
/// <item>sample rate &lt; 16000 Hz ("bad"): snr actual 8.0 + (k mod 50)/10, dnsmos_ovrl 2.10 + (k mod 50)/100,
/// dnsmos_bak 2.30 + (k mod 40)/100, each status 1 with a suggestion; the overall suggestion names the sample rate.</item>
/// </list>
/// In DiscardUploads mode (nothing kept) only k is known and the result is the "good" one.
/// Numbers are formatted with the invariant culture (snr 1 decimal, dnsmos/reverb 2, speed 1, sound 0).
/// </summary>
internal static class VoiceAssessment
{
    public const int MinSampleRate = 16000;

    internal sealed record Outcome(VoiceAssessResult? Result, string? FailedCode, string? FailedReason);

    public static Outcome Assess(StoredObject upload, string language)
    {
        var k = upload.Size;
        if (upload.FilePath is not { } path) return new Outcome(Build(k, null, language), null, null);
        if (!WavProbe.LooksLikeZip(path)) return Failed(ReceiptChecks.MissingOrMisnamedCode, "The uploaded data is not a zip archive.");
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var first = zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase));
            if (first is null) return Failed(ReceiptChecks.MissingOrMisnamedCode, "The zip holds no .wav file.");
            var wav = WavProbe.TryRead(first, out var problem);
            if (wav is null) return Failed(ReceiptChecks.UnreadableAudioCode, $"{first.FullName} is not readable audio: {problem}.");
            return new Outcome(Build(k, wav.SampleRate, language), null, null);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Failed(ReceiptChecks.MissingOrMisnamedCode, "The uploaded data is not a readable zip archive: " + e.Message);
        }

        static Outcome Failed(string code, string reason) => new(null, code, reason);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    internal static VoiceAssessResult Build(long k, int? sampleRate, string language)
    {
        var good = sampleRate is null || sampleRate >= MinSampleRate;
        static AssessProperty Ok(string expected, string actual) => new(expected, actual, "符合要求", "Within the expected range", 0);

        var speed = Ok("[3.0, 5.5]", F(4.0 + k % 10 / 10.0, "0.0"));
        var sound = Ok("[-30.0, -15.0]", F(-24 + k % 7, "0"));
        var reverb = Ok("[0.00, 0.60]", F(0.20 + k % 30 / 100.0, "0.00"));
        AssessProperty snr, ovrl, bak;
        string suggestion;
        if (good)
        {
            snr = Ok(">= 20.0", F(25.0 + k % 100 / 10.0, "0.0"));
            ovrl = Ok(">= 3.00", F(3.20 + k % 50 / 100.0, "0.00"));
            bak = Ok(">= 3.00", F(3.60 + k % 40 / 100.0, "0.00"));
            suggestion = language == "EN"
                ? "The recording meets the quality requirements."
                : "录音质量符合要求。";
        }
        else
        {
            snr = new AssessProperty(">= 20.0", F(8.0 + k % 50 / 10.0, "0.0"),
                "信噪比过低，请在安静的环境中重新录制", "The signal-to-noise ratio is too low: re-record in a quiet room", 1);
            ovrl = new AssessProperty(">= 3.00", F(2.10 + k % 50 / 100.0, "0.00"),
                "整体音质较差，请使用16 kHz及以上的采样率重新录制", "Poor overall quality: re-record at a sample rate of 16 kHz or higher", 1);
            bak = new AssessProperty(">= 3.00", F(2.30 + k % 40 / 100.0, "0.00"),
                "背景噪声较大，请降低环境噪声后重新录制", "Too much background noise: reduce the noise and re-record", 1);
            suggestion = language == "EN"
                ? $"The sample rate {sampleRate} Hz is below {MinSampleRate} Hz: re-record at 16 kHz or higher in a quiet room."
                : $"采样率{sampleRate} Hz低于{MinSampleRate} Hz，请在安静的环境中以16 kHz及以上的采样率重新录制。";
        }
        return new VoiceAssessResult(speed, sound, snr, reverb, ovrl, bak, suggestion);
    }
}
