using MetaStudio.Voice.Data;
using MetaStudio.Voice.Tests.Fixtures;
using C = MetaStudio.Voice.Data.WavIssueCodes;

namespace MetaStudio.Voice.Tests.Unit.Data;

public sealed class WavReaderTests : IDisposable
{
    private readonly WavTempDirectory _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static WavInfo Read(byte[] bytes, string name = "test.wav") =>
        WavReader.Read(new MemoryStream(bytes, writable: false), name);

    private static WavInfo Read(WavBuilder builder) => Read(builder.ToArray());

    private static string Codes(WavInfo info) => string.Join(",", info.Issues.Select(i => i.Code));

    private static void AssertClean(WavInfo info)
    {
        Assert.True(info.IsWav);
        Assert.True(info.IsReadable, info.Error);
        Assert.True(info.Issues.Count == 0, "unexpected issues: " + string.Join(" | ", info.Issues));
    }

    private static void AssertOnly(WavInfo info, params string[] codes) =>
        Assert.Equal(codes.OrderBy(c => c), info.Issues.Select(i => i.Code).Distinct().OrderBy(c => c));

    private static WavIssue Issue(WavInfo info, string code)
    {
        var issue = info.Issues.FirstOrDefault(i => i.Code == code);
        Assert.True(issue != null, $"expected {code}, got [{Codes(info)}]");
        return issue!;
    }

    private static void AssertNotWav(byte[] bytes, string code, string container)
    {
        var info = Read(bytes);
        Assert.False(info.IsWav);
        Assert.False(info.IsReadable);
        AssertOnly(info, code);
        Assert.Equal(WavIssueSeverity.Error, info.Issues[0].Severity);
        Assert.Equal(container, info.Container);
        Assert.Null(info.FormatName);
        Assert.True(info.BytesRead <= 16);
    }

    private static void AssertExact(WavInfo info, WavBuilder b)
    {
        Assert.Equal(b.TotalFrames, info.Frames);
        Assert.Equal(b.DataBytes, info.DataBytes);
        Assert.Equal(b.BlockAlign, info.BlockAlign);
        Assert.Equal(b.Duration, info.Duration);
        Assert.Equal(b.SampleRate, info.SampleRate);
        Assert.Equal(b.Channels, info.Channels);
    }

    // ---- formats -----------------------------------------------------------------------------------
    [Theory]
    [InlineData(8000, 1, 8)]
    [InlineData(16000, 1, 16)]
    [InlineData(44100, 2, 16)]
    [InlineData(48000, 2, 24)]
    [InlineData(22050, 1, 32)]
    [InlineData(24000, 6, 24)]
    public void Pcm_formats_read_exactly(int rate, int channels, int bits)
    {
        var b = WavFixture.Pcm(rate, channels, bits).Frames(rate + 7).Sine();
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal("RIFF", info.Container);
        Assert.Equal("PCM", info.FormatName);
        Assert.Equal(1, info.FormatTag);
        Assert.Equal(1, info.EffectiveFormatTag);
        Assert.Equal(bits, info.BitsPerSample);
        Assert.Equal(bits, info.ValidBitsPerSample);
        Assert.Equal((long)rate * channels * bits / 8, info.ByteRate);
        Assert.Equal(44, info.DataOffset);
        Assert.Equal(new[] { "fmt ", "data" }, info.Chunks);
        Assert.Equal(TimeSpan.FromTicks((rate + 7L) * TimeSpan.TicksPerSecond / rate), info.Duration);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    public void Float_formats_read_exactly(int bits)
    {
        var b = WavFixture.Float(48000, 2, bits).Seconds(0.5).Sine();
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal("IEEE_FLOAT", info.FormatName);
        Assert.Equal(3, info.FormatTag);
        Assert.Equal(24000, info.Frames);
        Assert.Equal(TimeSpan.FromMilliseconds(500), info.Duration);
    }

    [Fact]
    public void Extensible_24_in_32_reports_container_and_valid_bits()
    {
        var b = WavFixture.Extensible(48000, 2, bits: 32, validBits: 24, channelMask: 3).Seconds(0.25);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal("EXTENSIBLE/PCM", info.FormatName);
        Assert.Equal(0xFFFE, info.FormatTag);
        Assert.Equal(1, info.EffectiveFormatTag);
        Assert.Equal(32, info.BitsPerSample);
        Assert.Equal(24, info.ValidBitsPerSample);
        Assert.Equal(3, info.ChannelMask);
        Assert.Equal(8, info.BlockAlign);
        Assert.Equal(12 + 8 + 40 + 8, info.DataOffset);
    }

    [Theory]
    [InlineData(16, 16, false, "EXTENSIBLE/PCM")]
    [InlineData(24, 24, false, "EXTENSIBLE/PCM")]
    [InlineData(32, 32, true, "EXTENSIBLE/IEEE_FLOAT")]
    [InlineData(64, 64, true, "EXTENSIBLE/IEEE_FLOAT")]
    public void Extensible_subformats(int bits, int valid, bool isFloat, string name)
    {
        var b = WavFixture.Extensible(16000, 1, bits, valid, isFloat).Seconds(0.1);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(name, info.FormatName);
        Assert.Equal(isFloat ? 3 : 1, info.EffectiveFormatTag);
    }

    [Theory]
    [InlineData(18)]
    [InlineData(20)]
    [InlineData(50)]
    public void Fmt_sizes_beyond_16_are_read_by_declared_size(int size)
    {
        var b = WavFixture.Pcm().Seconds(0.1).FmtSize(size).WithChunkAfter("LIST", WavFixture.OddListPayload);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(12 + 8 + size + 8, info.DataOffset);
        Assert.Equal(new[] { "fmt ", "data", "LIST" }, info.Chunks);
    }

    [Fact]
    public void Extensible_fmt_larger_than_40_is_legal()
    {
        var b = WavFixture.Extensible(44100, 2, 24, 24).Seconds(0.1).FmtSize(64);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
    }

    [Fact]
    public void Fmt_larger_than_1KiB_is_capped_and_warned()
    {
        var b = WavFixture.Pcm().Seconds(0.1).FmtSize(5000);
        var info = Read(b);
        AssertOnly(info, C.FmtOversized);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
        Assert.True(info.BytesRead < 1200, $"read {info.BytesRead}");
    }

    [Fact]
    public void Pcm_12_bit_in_16_bit_container_is_readable()
    {
        var b = WavFixture.Pcm(16000, 1, 12).Seconds(0.1);
        var info = Read(b);
        AssertClean(info);
        Assert.Equal(2, info.BlockAlign);
        Assert.Equal(1600, info.Frames);
    }

    [Theory]
    [InlineData(6, "ALAW")]
    [InlineData(7, "MULAW")]
    [InlineData(0x55, "MPEGLAYER3")]
    [InlineData(2, "ADPCM")]
    public void Compressed_formats_are_unsupported_but_described(int tag, string name)
    {
        var b = WavFixture.Format(tag, 8000, 1, 8).Seconds(1);
        var info = Read(b);
        AssertOnly(info, C.UnsupportedFormat);
        Assert.False(info.IsReadable);
        Assert.True(info.IsWav);
        Assert.Equal(name, info.FormatName);
        Assert.Contains("ffmpeg", Issue(info, C.UnsupportedFormat).Message);
        Assert.Equal(8000, info.Frames);
        Assert.Equal(TimeSpan.FromSeconds(1), info.Duration);
    }

    [Fact]
    public void Float_16_bit_is_unsupported()
    {
        var info = Read(WavFixture.Float(16000, 1, 16).Seconds(0.1));
        AssertOnly(info, C.UnsupportedFormat);
        Assert.Contains("16-bit IEEE_FLOAT", info.Error);
    }

    [Fact]
    public void Extensible_unknown_subformat_guid_is_unsupported()
    {
        var info = Read(WavFixture.Extensible(16000, 1, 16, 16).SubFormatGuid(Guid.Parse("6dba3190-67bd-11cf-a0f7-0020afd156e4")).Seconds(0.1));
        AssertOnly(info, C.UnsupportedFormat);
        Assert.Equal("EXTENSIBLE/{6dba3190-67bd-11cf-a0f7-0020afd156e4}", info.FormatName);
    }

    [Fact]
    public void Extensible_with_short_fmt_is_invalid()
    {
        var info = Read(WavFixture.Extensible(16000, 1, 16, 16).FmtSize(18).Seconds(0.1));
        AssertOnly(info, C.FmtInvalid);
        Assert.False(info.IsReadable);
    }

    [Theory]
    [InlineData(0, 16000, 16)]
    [InlineData(1, 0, 16)]
    [InlineData(1, 16000, 0)]
    public void Fmt_with_zero_channels_rate_or_bits_is_invalid(int channels, int rate, int bits)
    {
        var info = Read(WavFixture.Pcm(rate, channels, bits).Frames(10));
        Assert.Contains(C.FmtInvalid, Codes(info));
        Assert.False(info.IsReadable);
    }

    [Fact]
    public void Fmt_smaller_than_16_is_invalid()
    {
        var info = Read(WavFixture.Pcm().Seconds(0.1).FmtSize(14));
        AssertOnly(info, C.FmtInvalid);
    }

    // ---- chunk layout --------------------------------------------------------------------------------
    [Fact]
    public void Odd_LIST_before_fmt_is_skipped_with_its_pad_byte()
    {
        var b = WavFixture.Pcm().Seconds(1).WithOddListBeforeFmt();
        Assert.Equal(31, WavFixture.OddListPayload.Length);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(new[] { "LIST", "fmt ", "data" }, info.Chunks);
        Assert.Equal(12 + 8 + 31 + 1 + 8 + 16 + 8, info.DataOffset);
    }

    [Fact]
    public void Non_zero_pad_byte_is_skipped_regardless_of_value()
    {
        var b = WavFixture.Pcm(16000, 1, 8).Frames(1001).WithOddListBeforeFmt().WithChunkAfter("LIST", WavFixture.OddListPayload).PadByte(0xFF);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(new[] { "LIST", "fmt ", "data", "LIST" }, info.Chunks);
    }

    [Fact]
    public void Missing_pad_byte_is_recovered_with_a_warning()
    {
        var b = WavFixture.Pcm().Seconds(0.5).WithOddListBeforeFmt().OmitPadBytes();
        var info = Read(b);
        AssertOnly(info, C.MissingPadByte);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
        Assert.Equal(12 + 8 + 31 + 8 + 16 + 8, info.DataOffset);
    }

    [Fact]
    public void Fmt_after_data_is_found()
    {
        var b = WavFixture.Pcm(44100, 2, 16).Seconds(0.3).FmtAfterData();
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(new[] { "data", "fmt " }, info.Chunks);
        Assert.Equal(20, info.DataOffset);
    }

    [Fact]
    public void Metadata_chunks_anywhere_are_skipped()
    {
        var b = WavFixture.Pcm().Seconds(0.2)
            .WithJunk(28).WithBext().WithChunkBefore("abcd", new byte[3])
            .WithFact().WithChunkBetween("cue ", new byte[4])
            .WithListAfterData().WithChunkAfter("id3 ", WavFixture.Mp3WithId3()).WithChunkAfter("smpl", new byte[36]);
        var info = Read(b);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(new[] { "JUNK", "bext", "abcd", "fmt ", "fact", "cue ", "data", "LIST", "id3 ", "smpl" }, info.Chunks);
    }

    [Fact]
    public void Missing_fmt_is_an_error()
    {
        var info = Read(WavFixture.Pcm().Seconds(0.1).OmitFmt());
        AssertOnly(info, C.MissingFmt);
        Assert.Equal(WavIssueSeverity.Error, Issue(info, C.MissingFmt).Severity);
        Assert.Null(info.FormatName);
    }

    [Fact]
    public void Missing_data_is_an_error()
    {
        var info = Read(WavFixture.Pcm().Seconds(0.1).OmitData().WithChunkAfter("LIST", WavFixture.OddListPayload));
        AssertOnly(info, C.MissingData);
        Assert.Equal(-1, info.DataOffset);
        Assert.Equal(0, info.Frames);
    }

    [Fact]
    public void Duplicate_data_chunk_is_ignored_with_a_warning()
    {
        var b = WavFixture.Pcm().Frames(100).WithChunkAfter("data", new byte[400]).WithChunkAfter("fmt ", new byte[16]);
        var info = Read(b);
        AssertOnly(info, C.DuplicateChunk);
        Assert.Equal(2, info.Issues.Count);
        Assert.Equal(100, info.Frames);
    }

    [Fact]
    public void Header_only_wav_with_empty_data_has_no_audio()
    {
        var bytes = WavFixture.Pcm().Frames(0).ToArray();
        Assert.Equal(44, bytes.Length);
        var info = Read(bytes);
        AssertOnly(info, C.NoAudio);
        Assert.False(info.IsReadable);
        Assert.Equal(44, info.DataOffset);
    }

    [Fact]
    public void Empty_data_followed_by_a_chunk_is_taken_as_empty_not_unknown()
    {
        var info = Read(WavFixture.Pcm().Frames(0).WithListAfterData());
        AssertOnly(info, C.NoAudio);
        Assert.Equal(new[] { "fmt ", "data", "LIST" }, info.Chunks);
    }

    // ---- sizes -------------------------------------------------------------------------------------
    [Fact]
    public void Data_size_FFFFFFFF_is_clamped_to_the_bytes_present()
    {
        var b = WavFixture.Pcm().Seconds(1.5).DataSize(0xFFFFFFFF).RiffSize(0xFFFFFFFF);
        var info = Read(b);
        AssertOnly(info, C.DataSizeUnknown, C.RiffSizeUnknown);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
        Assert.Equal(0xFFFFFFFFL, info.DeclaredDataBytes);
        Assert.Equal(WavIssueSeverity.Warning, Issue(info, C.DataSizeUnknown).Severity);
    }

    [Fact]
    public void Data_size_zero_with_audio_after_it_is_clamped_to_the_bytes_present()
    {
        var b = WavFixture.Pcm().Seconds(1).Noise().DataSize(0).RiffSize(0);
        var info = Read(b);
        AssertOnly(info, C.DataSizeUnknown, C.RiffSizeUnknown);
        AssertExact(info, b);
    }

    [Fact]
    public void Data_size_beyond_eof_is_clamped_as_truncated()
    {
        var b = WavFixture.Pcm(16000, 1, 16).Seconds(1);
        var full = b.ToArray();
        var info = Read(full.AsSpan(0, full.Length - 1000).ToArray());
        AssertOnly(info, C.DataSizeClamped, C.RiffSizeMismatch);
        Assert.True(info.IsReadable);
        Assert.Equal(32000 - 1000, info.DataBytes);
        Assert.Equal(32000, info.DeclaredDataBytes);
        Assert.Equal(15500, info.Frames);
        Assert.Contains("truncated", Issue(info, C.DataSizeClamped).Message);
    }

    [Fact]
    public void Truncation_inside_a_frame_drops_the_partial_frame()
    {
        var b = WavFixture.Pcm(16000, 2, 24).Frames(1000).TruncateTo(44 + 6 * 500 + 4);
        var info = Read(b);
        AssertOnly(info, C.DataSizeClamped, C.RiffSizeMismatch, C.PartialFrame);
        Assert.Equal(500, info.Frames);
        Assert.Equal(6 * 500 + 4, info.DataBytes);
    }

    [Fact]
    public void Data_size_not_a_multiple_of_block_align_is_a_partial_frame()
    {
        var b = WavFixture.Pcm(16000, 2, 24).Frames(100).DataSize(599);
        var info = Read(b);
        AssertOnly(info, C.PartialFrame);
        Assert.Equal(99, info.Frames);
        Assert.Equal(599, info.DataBytes);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1)]
    public void Riff_size_larger_than_file_is_a_warning(int delta)
    {
        var b = WavFixture.Pcm().Seconds(0.5).RiffSizeDelta(delta);
        var info = Read(b);
        AssertOnly(info, C.RiffSizeMismatch);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-1000)]
    public void Riff_size_smaller_than_the_chunks_is_a_warning_and_the_file_is_read_fully(int delta)
    {
        var b = WavFixture.Pcm().Seconds(0.5).WithListAfterData().RiffSizeDelta(delta);
        var info = Read(b);
        AssertOnly(info, C.RiffSizeMismatch);
        AssertExact(info, b);
    }

    [Fact]
    public void Stale_riff_size_that_ends_before_data_still_finds_data()
    {
        var b = WavFixture.Pcm().Seconds(0.5).WithJunk(100).RiffSize(4 + 108);
        var info = Read(b);
        AssertOnly(info, C.RiffSizeMismatch);
        AssertExact(info, b);
        Assert.Equal(new[] { "JUNK", "fmt ", "data" }, info.Chunks);
    }

    [Fact]
    public void Trailing_garbage_after_the_riff_chunk_is_ignored()
    {
        var b = WavFixture.Pcm().Seconds(0.5).TrailingGarbage(777);
        var info = Read(b);
        AssertOnly(info, C.TrailingBytes);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
        Assert.Equal(new[] { "fmt ", "data" }, info.Chunks);
        Assert.Contains("777", Issue(info, C.TrailingBytes).Message);
    }

    [Fact]
    public void Garbage_inside_the_riff_chunk_stops_the_walk_with_a_warning()
    {
        var b = WavFixture.Pcm().Seconds(0.5).TrailingGarbage(40, 0x00).RiffSizeDelta(40);
        var info = Read(b);
        AssertOnly(info, C.InvalidChunk);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
    }

    [Fact]
    public void Header_field_inconsistencies_are_recomputed_and_warned()
    {
        var b = WavFixture.Pcm(16000, 1, 16).Seconds(1).BlockAlignField(4).ByteRateField(44100);
        var info = Read(b);
        AssertOnly(info, C.HeaderInconsistent);
        Assert.Single(info.Issues);
        Assert.True(info.IsReadable);
        Assert.Equal(2, info.BlockAlign);
        Assert.Equal(32000, info.ByteRate);
        Assert.Equal(16000, info.Frames);
        Assert.Contains("nBlockAlign is 4", info.Issues[0].Message);
        Assert.Contains("nAvgBytesPerSec is 44100", info.Issues[0].Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    public void Extensible_valid_bits_zero_or_above_container_are_inconsistent(int valid)
    {
        var info = Read(WavFixture.Extensible(16000, 1, 32, valid).Seconds(0.1));
        AssertOnly(info, C.HeaderInconsistent);
        Assert.Equal(32, info.ValidBitsPerSample);
    }

    // ---- DoS guards ------------------------------------------------------------------------------
    [Fact]
    public void Huge_chunk_size_before_fmt_stops_the_walk_without_seeking_past_eof()
    {
        var b = WavFixture.Pcm().Seconds(0.5).WithChunk(WavChunkPosition.BeforeFmt, "LIST", new byte[10], declaredSize: 0x7FFFFFF0);
        var info = Read(b);
        AssertOnly(info, C.ChunkOverrun, C.MissingFmt, C.MissingData);
        Assert.Equal(WavIssueSeverity.Warning, Issue(info, C.ChunkOverrun).Severity);
        Assert.True(info.BytesRead < 64);
    }

    [Fact]
    public void Huge_chunk_size_after_data_is_a_warning_only()
    {
        var b = WavFixture.Pcm().Seconds(0.5).WithChunk(WavChunkPosition.AfterData, "LIST", new byte[10], declaredSize: 0xFFFFFFF0);
        var info = Read(b);
        AssertOnly(info, C.ChunkOverrun);
        Assert.True(info.IsReadable);
        Assert.Equal(8000, info.Frames);
    }

    [Fact]
    public void Too_many_chunks_are_capped()
    {
        var b = WavFixture.Pcm().Frames(10);
        for (var i = 0; i <= WavReader.MaxChunks; i++) b.WithChunkBefore("JUNK");
        var info = Read(b);
        AssertOnly(info, C.TooManyChunks, C.MissingFmt, C.MissingData);
        Assert.Equal(WavReader.MaxChunks, info.Chunks.Count);
    }

    [Fact]
    public void Many_chunks_below_the_cap_are_fine()
    {
        var b = WavFixture.Pcm().Frames(10);
        for (var i = 0; i < 500; i++) b.WithChunkBefore("JUNK", new byte[1]);
        var info = Read(b);
        AssertClean(info);
        Assert.Equal(502, info.Chunks.Count);
    }

    // ---- RF64 --------------------------------------------------------------------------------------
    [Fact]
    public void Rf64_is_read_through_ds64()
    {
        var b = WavFixture.Pcm(48000, 2, 24).Seconds(0.5).Rf64().WithListAfterData();
        var info = Read(b);
        AssertOnly(info, C.Rf64);
        Assert.True(info.IsReadable);
        Assert.Equal(WavIssueSeverity.Warning, info.Issues[0].Severity);
        Assert.Equal("RF64", info.Container);
        AssertExact(info, b);
        Assert.Equal(new[] { "ds64", "fmt ", "data", "LIST" }, info.Chunks);
        Assert.Equal(12 + 36 + 24 + 8, info.DataOffset);
    }

    [Fact]
    public void Bw64_is_read_like_rf64()
    {
        var bytes = WavFixture.Pcm().Seconds(0.1).Rf64().ToArray();
        "BW64"u8.CopyTo(bytes);
        var info = Read(bytes);
        AssertOnly(info, C.Rf64);
        Assert.Equal("BW64", info.Container);
        Assert.Equal(1600, info.Frames);
    }

    [Fact]
    public void Rf64_without_ds64_falls_back_to_the_file_length()
    {
        var b = WavFixture.Pcm().Seconds(0.5).Rf64(withDs64: false);
        var info = Read(b);
        AssertOnly(info, C.Rf64MissingDs64, C.DataSizeUnknown);
        Assert.True(info.IsReadable);
        AssertExact(info, b);
    }

    [Fact]
    public void Rf64_above_4GiB_uses_64_bit_sizes()
    {
        const long dataBytes = 6L * 1024 * 1024 * 1024;
        var path = _tmp.File("big.rf64.wav");
        var builder = WavFixture.Pcm(48000, 2, 16).Rf64();
        var header = builder.ToArray().AsSpan(0, 12 + 36 + 24 + 8).ToArray();
        using var stream = new ZeroTailStream(header, header.Length + dataBytes);
        // Patch the ds64 sizes for the virtual length.
        BitConverter.GetBytes(header.Length - 8 + dataBytes).CopyTo(header, 20);
        BitConverter.GetBytes(dataBytes).CopyTo(header, 28);
        var info = WavReader.Read(stream, path);
        AssertOnly(info, C.Rf64);
        Assert.Equal(dataBytes, info.DataBytes);
        Assert.Equal(dataBytes / 4, info.Frames);
        Assert.Equal(TimeSpan.FromTicks(dataBytes / 4 * TimeSpan.TicksPerSecond / 48000), info.Duration);
        Assert.True(info.BytesRead < 200);
    }

    // ---- not WAV ---------------------------------------------------------------------------------
    [Fact] public void Empty_file() => AssertNotWav(WavFixture.Empty(), C.Empty, "");
    [Fact] public void Mp3_with_id3() => AssertNotWav(WavFixture.Mp3WithId3(), C.NotWavMp3, "ID3");
    [Fact] public void Mp3_frame_sync() => AssertNotWav(WavFixture.Mp3FrameSync(), C.NotWavMp3, "MPEG");
    [Fact] public void Aac_adts() => AssertNotWav(WavFixture.AacAdts(), C.NotWavAac, "ADTS");
    [Fact] public void Aiff() => AssertNotWav(WavFixture.Aiff(), C.NotWavAiff, "FORM");
    [Fact] public void Rifx_big_endian() => AssertNotWav(WavFixture.Pcm().Seconds(0.1).BigEndian().ToArray(), C.NotWavRifx, "RIFX");
    [Fact] public void Ogg() => AssertNotWav(WavFixture.Ogg(), C.NotWavOggOrFlac, "OggS");
    [Fact] public void Flac() => AssertNotWav(WavFixture.Flac(), C.NotWavOggOrFlac, "fLaC");
    [Fact] public void Mp4() => AssertNotWav(WavFixture.Mp4(), C.NotWavMp4, "MP4");
    [Fact] public void Wave64() => AssertNotWav(WavFixture.Wave64(), C.NotWavW64, "W64");
    [Fact] public void Riff_avi() => AssertNotWav(WavFixture.RiffAvi(), C.NotWavRiffForm, "RIFF");
    [Fact] public void Text_file() => AssertNotWav(WavFixture.Text(), C.NotWavUnknown, "");

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(11)]
    public void Shorter_than_12_bytes_is_a_truncated_header(int length)
    {
        var info = Read(WavFixture.HeaderOnly(length));
        AssertOnly(info, C.TruncatedHeader);
        Assert.False(info.IsReadable);
    }

    [Fact]
    public void Riff_wave_with_nothing_after_it_misses_fmt_and_data()
    {
        var info = Read(WavFixture.HeaderOnly(12));
        AssertOnly(info, C.MissingFmt, C.MissingData, C.RiffSizeMismatch);
        Assert.True(info.IsWav);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(35)]
    public void Truncated_inside_fmt(int length)
    {
        var info = Read(WavFixture.HeaderOnly(length));
        AssertOnly(info, C.FmtTruncated, C.MissingData, C.RiffSizeMismatch);
        Assert.Equal(WavIssueSeverity.Error, Issue(info, C.FmtTruncated).Severity);
        Assert.Equal(new[] { "fmt " }, info.Chunks);
    }

    // ---- robustness --------------------------------------------------------------------------------
    [Fact]
    public void Never_throws_on_any_truncation_or_corruption()
    {
        var bytes = WavFixture.Extensible(16000, 2, 32, 24).Frames(20).WithOddListBeforeFmt().WithBext().WithListAfterData().Rf64().ToArray();
        for (var len = 0; len <= bytes.Length; len++)
        {
            var info = Read(bytes.AsSpan(0, len).ToArray());
            Assert.NotNull(info.Issues);
        }
        var rng = new Random(42);
        for (var i = 0; i < 3000; i++)
        {
            var copy = (byte[])bytes.Clone();
            for (var k = rng.Next(1, 6); k > 0; k--) copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            var info = Read(copy);
            Assert.True(info.BytesRead < 4096);
        }
    }

    [Fact]
    public void Reads_from_the_current_stream_position_and_bounded_length()
    {
        var wav = WavFixture.Pcm().Seconds(0.1).ToArray();
        var ms = new MemoryStream();
        ms.Write(new byte[100]);
        ms.Write(wav);
        ms.Write(new byte[50]);
        ms.Position = 100;
        var info = WavReader.Read(ms, "embedded.wav", wav.Length);
        AssertClean(info);
        Assert.Equal(wav.Length, info.FileSize);
        Assert.Equal(44, info.DataOffset);
        Assert.Equal("embedded.wav", info.Name);
    }

    [Fact]
    public void Non_seekable_stream_is_an_argument_error()
    {
        var ex = Assert.Throws<ArgumentException>(() => WavReader.Read(new NonSeekableStream(), "x.wav"));
        Assert.Contains("seekable", ex.Message);
    }

    [Fact]
    public void Issues_have_messages_and_are_reported_in_ToString()
    {
        var info = Read(WavFixture.Pcm().Seconds(0.1).TrailingGarbage(3).BlockAlignField(7));
        Assert.All(info.Issues, i => Assert.False(string.IsNullOrWhiteSpace(i.Message)));
        Assert.Contains("2 warning(s)", info.ToString());
        Assert.Null(info.Error);
    }

    // ---- files and cost ------------------------------------------------------------------------------
    [Fact]
    public void Read_path_gives_the_same_result_and_shares_the_file()
    {
        var b = WavFixture.Pcm(22050, 2, 16).Seconds(0.7).WithOddListBeforeFmt();
        var path = b.WriteTo(_tmp.File("a.wav"));
        using var other = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var info = WavReader.Read(path);
        AssertClean(info);
        AssertExact(info, b);
        Assert.Equal(path, info.Name);
        Assert.Equal(new FileInfo(path).Length, info.FileSize);
    }

    [Fact]
    public void Bytes_read_for_a_1GiB_file_equal_those_for_a_1MiB_file()
    {
        var small = _tmp.File("small.wav");
        var large = _tmp.File("large.wav");
        var smallLength = WavFixture.WriteLarge(small, 1L << 20);
        var largeLength = WavFixture.WriteLarge(large, 1L << 30);
        Assert.Equal((1L << 30) + 44, largeLength);

        var s = WavReader.Read(small);
        var l = WavReader.Read(large);
        AssertClean(s);
        AssertClean(l);
        Assert.Equal((1L << 30) / 2, l.Frames);
        Assert.Equal(TimeSpan.FromTicks((1L << 29) * TimeSpan.TicksPerSecond / 16000), l.Duration);
        Assert.Equal(s.BytesRead, l.BytesRead);
        Assert.True(l.BytesRead <= 64, $"read {l.BytesRead} bytes");
        Assert.Equal(smallLength + (1L << 30) - (1L << 20), largeLength);
    }

    [Fact]
    public void Bytes_read_with_metadata_chunks_stay_small_regardless_of_size()
    {
        var b1 = WavFixture.Pcm().Seconds(1).WithOddListBeforeFmt().WithBext().WithListAfterData();
        var b2 = WavFixture.Pcm().Seconds(30).WithOddListBeforeFmt().WithBext().WithListAfterData();
        var i1 = Read(b1);
        var i2 = Read(b2);
        AssertClean(i1);
        AssertClean(i2);
        Assert.Equal(i1.BytesRead, i2.BytesRead);
        Assert.True(i2.BytesRead < 200);
    }

    // ---- Analyze ------------------------------------------------------------------------------------
    private (WavInfo Info, WavStatistics Stats) Analyze(WavBuilder b, double? threshold = null)
    {
        var path = b.WriteTo(_tmp.File(Guid.NewGuid().ToString("N") + ".wav"));
        var info = WavReader.Read(path);
        var stats = threshold.HasValue
            ? WavReader.Analyze(path, info, CancellationToken.None, threshold.Value)
            : WavReader.Analyze(path, info, CancellationToken.None);
        return (info, stats);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(16, false)]
    [InlineData(24, false)]
    [InlineData(32, false)]
    [InlineData(32, true)]
    [InlineData(64, true)]
    public void Analyze_silence(int bits, bool isFloat)
    {
        var b = (isFloat ? WavFixture.Float(16000, 2, bits) : WavFixture.Pcm(16000, 2, bits)).Seconds(1.5).Silence();
        var (info, s) = Analyze(b);
        Assert.True(double.IsNegativeInfinity(s.PeakDbfs));
        Assert.True(double.IsNegativeInfinity(s.RmsDbfs));
        Assert.Equal(0, s.ClippedSamples);
        Assert.True(s.IsSilent);
        Assert.Equal(info.Duration, s.LeadingSilence);
        Assert.Equal(info.Duration, s.TrailingSilence);
        Assert.Equal(24000, s.FramesAnalyzed);
        Assert.Equal(48000, s.SamplesAnalyzed);
    }

    [Theory]
    [InlineData(8, false, 0.01)]
    [InlineData(16, false, 0.001)]
    [InlineData(24, false, 0.001)]
    [InlineData(32, false, 0.001)]
    [InlineData(32, true, 0.001)]
    [InlineData(64, true, 0.001)]
    public void Analyze_sine_gives_peak_and_rms(int bits, bool isFloat, double tolerance)
    {
        // 1000 Hz at 16 kHz: 16 samples per period, one exactly on the crest; amplitude 0.5 = -6.02 dBFS.
        var b = (isFloat ? WavFixture.Float(16000, 1, bits) : WavFixture.Pcm(16000, 1, bits)).Seconds(1).Sine(1000, 0.5);
        var (_, s) = Analyze(b);
        Assert.Equal(20 * Math.Log10(0.5), s.PeakDbfs, 0.0005);
        Assert.Equal(20 * Math.Log10(0.5 / Math.Sqrt(2)), s.RmsDbfs, tolerance * 30);
        Assert.Equal(0, s.ClippedSamples);
        Assert.False(s.IsSilent);
    }

    [Fact]
    public void Analyze_extensible_24_in_32_uses_valid_bits()
    {
        var (info, s) = Analyze(WavFixture.Extensible(16000, 2, 32, 24).Seconds(0.5).Sine(1000, 0.25));
        Assert.Equal(24, info.ValidBitsPerSample);
        Assert.Equal(20 * Math.Log10(0.25), s.PeakDbfs, 0.0005);
        Assert.Equal(0, s.ClippedSamples);
    }

    [Fact]
    public void Analyze_noise_rms()
    {
        var (_, s) = Analyze(WavFixture.Pcm().Seconds(2).Noise(0.5, seed: 7));
        Assert.Equal(20 * Math.Log10(0.5 / Math.Sqrt(3)), s.RmsDbfs, 0.1);
        Assert.True(s.PeakDbfs < -6.0 && s.PeakDbfs > -6.1);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(16, false)]
    [InlineData(24, false)]
    [InlineData(32, true)]
    public void Analyze_full_scale_counts_every_sample_as_clipped(int bits, bool isFloat)
    {
        foreach (var value in new[] { 1.0, -1.0 })
        {
            var b = (isFloat ? WavFixture.Float(8000, 2, bits) : WavFixture.Pcm(8000, 2, bits)).Frames(800).Constant(value);
            var (_, s) = Analyze(b);
            Assert.Equal(1600, s.ClippedSamples);
            Assert.Equal(0, s.PeakDbfs, 0.1);
        }
    }

    [Fact]
    public void Analyze_clipped_sine_counts_samples_on_the_rails()
    {
        var b = WavFixture.Pcm(16000, 1, 16).Seconds(1).Clipped(1000, gain: 2.0);
        var (_, s) = Analyze(b);
        // Expected: the samples the fixture encodes at 32767 or -32768.
        long expected = 0;
        for (var i = 0; i < 16000; i++)
        {
            var x = Math.Clamp(2.0 * Math.Sin(2 * Math.PI * 1000 * i / 16000.0), -1, 1);
            var v = Math.Clamp(Math.Round(x * 32768), -32768, 32767);
            if (v >= 32767 || v <= -32768) expected++;
        }
        Assert.Equal(expected, s.ClippedSamples);
        Assert.InRange(s.ClippedSamples, 16000 * 0.5, 16000 * 0.7);
        Assert.Equal(0, s.PeakDbfs, 0.001);
    }

    [Fact]
    public void Analyze_measures_leading_and_trailing_silence()
    {
        var b = WavFixture.Pcm(16000, 2, 16).LeadingSilence(0.25).Seconds(1).Noise(0.3).TrailingSilence(0.5);
        var (info, s) = Analyze(b);
        Assert.Equal(TimeSpan.FromSeconds(1.75), info.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(250), s.LeadingSilence);
        Assert.Equal(TimeSpan.FromMilliseconds(500), s.TrailingSilence);
        Assert.False(s.IsSilent);
        Assert.Equal(-60, s.SilenceThresholdDbfs);
    }

    [Fact]
    public void Analyze_threshold_decides_what_is_silence()
    {
        var b = WavFixture.Pcm().LeadingSilence(0.1).Seconds(0.5).Constant(0.01).TrailingSilence(0.1); // -40 dBFS
        var (info, quiet) = Analyze(b, threshold: -30);
        Assert.True(quiet.IsSilent);
        Assert.Equal(info.Duration, quiet.LeadingSilence);
        var (_, loud) = Analyze(b, threshold: -60);
        Assert.False(loud.IsSilent);
        Assert.Equal(TimeSpan.FromMilliseconds(100), loud.LeadingSilence);
    }

    [Fact]
    public void Analyze_reads_only_the_data_chunk_when_metadata_surrounds_it()
    {
        var b = WavFixture.Pcm(16000, 1, 16).Frames(1600).Constant(0.5).WithOddListBeforeFmt()
            .WithChunkAfter("JUNK", Enumerable.Repeat((byte)0xFF, 1000).ToArray()).FmtAfterData();
        var (_, s) = Analyze(b);
        Assert.Equal(1600, s.FramesAnalyzed);
        Assert.Equal(20 * Math.Log10(0.5), s.PeakDbfs, 0.0005);
        Assert.Equal(20 * Math.Log10(0.5), s.RmsDbfs, 0.0005);
    }

    [Fact]
    public void Analyze_truncated_file_analyses_the_frames_present()
    {
        var b = WavFixture.Pcm(16000, 1, 16).Seconds(1).Sine().TruncateTo(44 + 16000);
        var (info, s) = Analyze(b);
        Assert.Equal(8000, info.Frames);
        Assert.Equal(8000, s.FramesAnalyzed);
    }

    [Fact]
    public void Analyze_refuses_unreadable_info_and_honours_cancellation()
    {
        var bad = WavFixture.Write(_tmp.File("x.wav"), WavFixture.Mp3WithId3());
        Assert.Throws<ArgumentException>(() => WavReader.Analyze(bad, WavReader.Read(bad), CancellationToken.None));
        var alaw = WavFixture.Format(6).Seconds(0.1).WriteTo(_tmp.File("alaw.wav"));
        Assert.Throws<ArgumentException>(() => WavReader.Analyze(alaw, WavReader.Read(alaw), CancellationToken.None));

        var good = WavFixture.Pcm().Seconds(0.1).WriteTo(_tmp.File("good.wav"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => WavReader.Analyze(good, WavReader.Read(good), cts.Token));
    }

    // ---- helpers -------------------------------------------------------------------------------------
    /// <summary>A read-only seekable stream of <c>header</c> followed by zeros up to <c>length</c> (no disk, no memory).</summary>
    private sealed class ZeroTailStream(byte[] header, long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Max(0, Math.Min(count, length - Position));
            for (var i = 0; i < n; i++)
            {
                var p = Position + i;
                buffer[offset + i] = p < header.Length ? header[p] : (byte)0;
            }
            Position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            _ => length + offset,
        };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class NonSeekableStream : MemoryStream
    {
        public override bool CanSeek => false;
    }
}
