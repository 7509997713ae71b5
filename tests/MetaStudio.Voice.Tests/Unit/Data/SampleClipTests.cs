using System.IO.Compression;
using System.Text.Json;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Lifecycle;
using MetaStudio.Voice.Tests.Fixtures;
using MetaStudio.Voice.Tests.Infrastructure;

namespace MetaStudio.Voice.Tests.Unit.Data;

public sealed class SampleClipTests : IDisposable
{
    private readonly TestData _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_sample_is_the_first_seconds_of_the_recording_with_a_canonical_header()
    {
        var source = Path.Combine(_data.Root, "long.wav");
        WavFixture.Pcm(sampleRate: 22050, channels: 1, bits: 16).Seconds(40).Sine(300).WithOddListBeforeFmt().WriteTo(source);
        var info = WavReader.Read(source);
        var zip = Path.Combine(_data.Root, "sample.zip");
        using (var s = File.OpenRead(source))
            await SampleClip.WriteZipAsync(s, info, TimeSpan.FromSeconds(12), zip, default);

        using var archive = ZipFile.OpenRead(zip);
        var entry = Assert.Single(archive.Entries);
        Assert.Equal("sample.wav", entry.FullName);
        using var ms = new MemoryStream();
        using (var e = entry.Open()) e.CopyTo(ms);
        ms.Position = 0;
        var sample = WavReader.Read(ms, "sample.wav");
        Assert.True(sample.IsReadable);
        Assert.Empty(sample.Issues);
        Assert.Equal(22050, sample.SampleRate);
        Assert.Equal(12 * 22050, sample.Frames);
        Assert.Equal(44, sample.DataOffset);
        // The samples are the recording's first ones, byte for byte.
        var original = File.ReadAllBytes(source).Skip((int)info.DataOffset).Take(1000).ToArray();
        Assert.Equal(original, ms.ToArray().Skip(44).Take(1000).ToArray());
    }

    [Fact]
    public void The_assessment_reads_every_measure_and_the_overall_suggestion()
    {
        var json = """
            {"speed":{"expected":"3-5","actual":"4.1","suggestion":"好","suggestion_en":"fine","status":0},
             "snr":{"expected":">25","actual":"12","suggestion_en":"record in a quieter room","status":1},
             "suggestion":"reduce background noise"}
            """;
        var result = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        var assessment = VoiceAssessor.From("s1", result);
        Assert.Equal("reduce background noise", assessment.Suggestion);
        var snr = Assert.Single(assessment.Items, i => i.Measure == "snr");
        Assert.False(snr.InRange);
        Assert.Equal("record in a quieter room", snr.Suggestion);
        Assert.True(Assert.Single(assessment.Items, i => i.Measure == "speed").InRange);
    }
}
