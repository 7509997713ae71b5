using System.Text;

namespace MetaStudio.Voice.Tests.Fixtures;

/// <summary>
/// Writes WAV files (and deliberately broken or not-WAV files) for tests, with no audio library:
/// <code>
/// WavFixture.Pcm(sampleRate: 16000, channels: 1, bits: 16).Seconds(2).Sine(440)
///     .WithChunkBefore("LIST", WavFixture.OddListPayload).WriteTo(path);
/// </code>
/// Every builder knows what a correct reader should report (<see cref="WavBuilder.TotalFrames"/>,
/// <see cref="WavBuilder.DataBytes"/>, <see cref="WavBuilder.BlockAlign"/>, <see cref="WavBuilder.Duration"/>).
/// </summary>
public static class WavFixture
{
    /// <summary>Integer PCM: 8 (unsigned), 16, 24, 32 bits (or any 1..32, stored in whole bytes).</summary>
    public static WavBuilder Pcm(int sampleRate = 16000, int channels = 1, int bits = 16) =>
        new(formatTag: 1, sampleRate, channels, bits);

    /// <summary>IEEE float, 32 or 64 bits.</summary>
    public static WavBuilder Float(int sampleRate = 16000, int channels = 1, int bits = 32) =>
        new(formatTag: 3, sampleRate, channels, bits);

    /// <summary>WAVE_FORMAT_EXTENSIBLE (40-byte fmt): e.g. 24-in-32 with <paramref name="validBits"/> 24.</summary>
    public static WavBuilder Extensible(int sampleRate = 48000, int channels = 2, int bits = 32, int validBits = 24,
        bool isFloat = false, uint channelMask = 0) =>
        new WavBuilder(formatTag: 0xFFFE, sampleRate, channels, bits)
            .ExtensibleLayout(isFloat ? 3 : 1, validBits, channelMask);

    /// <summary>Any other wFormatTag (6 = A-law, 7 = µ-law, 0x55 = MP3-in-WAV, 2 = ADPCM...): data bytes are filler.</summary>
    public static WavBuilder Format(int formatTag, int sampleRate = 8000, int channels = 1, int bits = 8) =>
        new(formatTag, sampleRate, channels, bits);

    /// <summary>An odd-sized (25-byte) LIST/INFO payload: forces a pad byte.</summary>
    public static byte[] OddListPayload => ListInfo("ISFT", "MetaStudio fixture");

    /// <summary>A LIST chunk payload "INFO" + one sub-chunk.</summary>
    public static byte[] ListInfo(string key, string value)
    {
        var text = Encoding.ASCII.GetBytes(value + "\0");
        var ms = new MemoryStream();
        ms.Write(Encoding.ASCII.GetBytes("INFO"));
        ms.Write(Encoding.ASCII.GetBytes(key));
        ms.Write(BitConverter.GetBytes(text.Length));
        ms.Write(text);
        return ms.ToArray();
    }

    /// <summary>A minimal BWF 'bext' payload (602 bytes, description set).</summary>
    public static byte[] BextPayload()
    {
        var b = new byte[602];
        Encoding.ASCII.GetBytes("fixture").CopyTo(b, 0);
        return b;
    }

    // ---- not WAV ---------------------------------------------------------------------------------
    public static byte[] Empty() => Array.Empty<byte>();

    /// <summary>The first <paramref name="length"/> bytes of a valid 16-bit WAV (20 = cut inside the fmt chunk).</summary>
    public static byte[] HeaderOnly(int length = 20) => Pcm().Seconds(0.01).TruncateTo(length).ToArray();

    public static byte[] Mp3WithId3()
    {
        var b = new byte[10 + 417];
        "ID3"u8.CopyTo(b);
        b[3] = 4;
        new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(b, 10);
        return b;
    }

    public static byte[] Mp3FrameSync()
    {
        var b = new byte[417 * 2];
        new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(b, 0);
        new byte[] { 0xFF, 0xFB, 0x90, 0x64 }.CopyTo(b, 417);
        return b;
    }

    public static byte[] AacAdts()
    {
        var b = new byte[64];
        new byte[] { 0xFF, 0xF1, 0x50, 0x80, 0x08, 0x1F, 0xFC }.CopyTo(b, 0);
        return b;
    }

    public static byte[] Aiff(int frames = 100)
    {
        var ms = new MemoryStream();
        void Be32(int v) => ms.Write(new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v });
        void Be16(int v) => ms.Write(new[] { (byte)(v >> 8), (byte)v });
        ms.Write("FORM"u8);
        Be32(4 + 8 + 18 + 8 + 8 + frames * 2);
        ms.Write("AIFF"u8);
        ms.Write("COMM"u8);
        Be32(18);
        Be16(1);
        Be32(frames);
        Be16(16);
        ms.Write(new byte[] { 0x40, 0x0C, 0xFA, 0, 0, 0, 0, 0, 0, 0 }); // 16000 as 80-bit extended
        ms.Write("SSND"u8);
        Be32(8 + frames * 2);
        Be32(0);
        Be32(0);
        ms.Write(new byte[frames * 2]);
        return ms.ToArray();
    }

    public static byte[] Ogg()
    {
        var b = new byte[58];
        "OggS"u8.CopyTo(b);
        b[5] = 2;
        "\u0001vorbis"u8.CopyTo(b.AsSpan(28));
        return b;
    }

    public static byte[] Flac()
    {
        var b = new byte[42];
        "fLaC"u8.CopyTo(b);
        b[7] = 34;
        return b;
    }

    public static byte[] Mp4()
    {
        var b = new byte[32];
        b[3] = 0x18;
        "ftypM4A "u8.CopyTo(b.AsSpan(4));
        return b;
    }

    public static byte[] Wave64()
    {
        var b = new byte[64];
        new byte[] { 0x72, 0x69, 0x66, 0x66, 0x2E, 0x91, 0xCF, 0x11, 0xA5, 0xD6, 0x28, 0xDB, 0x04, 0xC1, 0x00, 0x00 }.CopyTo(b, 0);
        return b;
    }

    /// <summary>RIFF but form 'AVI '.</summary>
    public static byte[] RiffAvi()
    {
        var b = new byte[32];
        "RIFF"u8.CopyTo(b);
        BitConverter.GetBytes(24).CopyTo(b, 4);
        "AVI LIST"u8.CopyTo(b.AsSpan(8));
        BitConverter.GetBytes(12).CopyTo(b, 16);
        return b;
    }

    public static byte[] Text(string text = "this is a transcript, not audio\n") => Encoding.UTF8.GetBytes(text);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> and returns the path.</summary>
    public static string Write(string path, byte[] bytes)
    {
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>
    /// A large valid silent WAV made cheaply: header, then SetLength (sparse on Linux/macOS file systems,
    /// lazily zeroed on NTFS). Above 4 GiB it is written as RF64. Returns the file length.
    /// </summary>
    public static long WriteLarge(string path, long dataBytes, int sampleRate = 16000, int channels = 1, int bits = 16)
    {
        var builder = Pcm(sampleRate, channels, bits);
        if (dataBytes > uint.MaxValue - 64) builder.Rf64();
        return builder.WriteSparse(path, dataBytes);
    }
}

public enum WavChunkPosition
{
    /// <summary>Right after 'WAVE' (after ds64 for RF64), before 'fmt '.</summary>
    BeforeFmt,
    /// <summary>After 'fmt ', before 'data'.</summary>
    BetweenFmtAndData,
    /// <summary>After 'data' (where libsndfile puts LIST).</summary>
    AfterData,
}

public enum WavSignal { Silence, Sine, Noise, Clipped, Constant }

/// <summary>A fluent description of one WAV file; <see cref="ToArray"/>/<see cref="WriteTo(string)"/> render it.</summary>
public sealed class WavBuilder
{
    private readonly int _formatTag;
    private readonly int _sampleRate;
    private readonly int _channels;
    private readonly int _bits;
    private int _subFormat;
    private int _validBits;
    private uint _channelMask;
    private Guid? _subFormatGuid;

    private long _frames;
    private long _leadingFrames;
    private long _trailingFrames;
    private WavSignal _signal = WavSignal.Sine;
    private double _frequency = 1000;
    private double _amplitude = 0.5;
    private int _seed = 1;

    private readonly List<(WavChunkPosition Position, string Id, byte[] Payload, uint? DeclaredSize)> _extra = new();
    private int? _fmtSize;
    private int? _blockAlignOverride;
    private int? _byteRateOverride;
    private bool _fmtAfterData;
    private bool _omitFmt;
    private bool _omitData;
    private byte _padByte;
    private bool _omitPadBytes;
    private uint? _dataSizeOverride;
    private uint? _riffSizeOverride;
    private int _riffSizeDelta;
    private long? _truncateTo;
    private byte[] _trailing = Array.Empty<byte>();
    private bool _rf64;
    private bool _rf64Ds64 = true;
    private bool _bigEndian;
    private long? _virtualDataBytes;

    internal WavBuilder(int formatTag, int sampleRate, int channels, int bits)
    {
        _formatTag = formatTag;
        _sampleRate = sampleRate;
        _channels = channels;
        _bits = bits;
        _subFormat = formatTag;
        _validBits = bits;
        _frames = sampleRate; // 1 second unless told
    }

    internal WavBuilder ExtensibleLayout(int subFormat, int validBits, uint channelMask)
    {
        _subFormat = subFormat;
        _validBits = validBits;
        _channelMask = channelMask;
        return this;
    }

    // ---- what a reader should report ------------------------------------------------------------
    public int SampleRate => _sampleRate;
    public int Channels => _channels;
    /// <summary>Bytes per frame as written (channels × whole bytes per sample).</summary>
    public int BlockAlign => _channels * Math.Max(1, (_bits + 7) / 8);
    /// <summary>Frames written: leading silence + signal + trailing silence.</summary>
    public long TotalFrames => _leadingFrames + _frames + _trailingFrames;
    /// <summary>Sample bytes written (before any truncation).</summary>
    public long DataBytes => _virtualDataBytes ?? TotalFrames * BlockAlign;
    public TimeSpan Duration => TimeSpan.FromTicks(TotalFrames * TimeSpan.TicksPerSecond / _sampleRate);

    // ---- length and signal ----------------------------------------------------------------------
    public WavBuilder Seconds(double seconds) { _frames = (long)Math.Round(seconds * _sampleRate); return this; }
    public WavBuilder Frames(long frames) { _frames = frames; return this; }
    public WavBuilder Silence() { _signal = WavSignal.Silence; return this; }
    /// <summary>A sine of <paramref name="amplitude"/> (linear, 1.0 = full scale); 1000 Hz at 16 kHz hits the exact peak.</summary>
    public WavBuilder Sine(double hz = 1000, double amplitude = 0.5) { _signal = WavSignal.Sine; _frequency = hz; _amplitude = amplitude; return this; }
    /// <summary>Uniform white noise in ±<paramref name="amplitude"/>, deterministic per seed.</summary>
    public WavBuilder Noise(double amplitude = 0.5, int seed = 1) { _signal = WavSignal.Noise; _amplitude = amplitude; _seed = seed; return this; }
    /// <summary>A sine driven <paramref name="gain"/> times past full scale, flattened at ±1.0 (so samples sit at the rails).</summary>
    public WavBuilder Clipped(double hz = 1000, double gain = 2.0) { _signal = WavSignal.Clipped; _frequency = hz; _amplitude = gain; return this; }
    /// <summary>Every sample = <paramref name="value"/> (e.g. 1.0 for all-full-scale).</summary>
    public WavBuilder Constant(double value) { _signal = WavSignal.Constant; _amplitude = value; return this; }
    public WavBuilder LeadingSilence(double seconds) { _leadingFrames = (long)Math.Round(seconds * _sampleRate); return this; }
    public WavBuilder TrailingSilence(double seconds) { _trailingFrames = (long)Math.Round(seconds * _sampleRate); return this; }

    // ---- layout -------------------------------------------------------------------------------------
    public WavBuilder WithChunk(WavChunkPosition position, string id, byte[]? payload = null, uint? declaredSize = null)
    {
        if (id.Length != 4) throw new ArgumentException("A chunk id has 4 characters.", nameof(id));
        _extra.Add((position, id, payload ?? Array.Empty<byte>(), declaredSize));
        return this;
    }
    public WavBuilder WithChunkBefore(string id, byte[]? payload = null) => WithChunk(WavChunkPosition.BeforeFmt, id, payload);
    public WavBuilder WithChunkBetween(string id, byte[]? payload = null) => WithChunk(WavChunkPosition.BetweenFmtAndData, id, payload);
    public WavBuilder WithChunkAfter(string id, byte[]? payload = null) => WithChunk(WavChunkPosition.AfterData, id, payload);
    /// <summary>An odd-sized LIST chunk before fmt (needs a pad byte).</summary>
    public WavBuilder WithOddListBeforeFmt() => WithChunkBefore("LIST", WavFixture.OddListPayload);
    public WavBuilder WithJunk(int size = 28) => WithChunkBefore("JUNK", new byte[size]);
    public WavBuilder WithBext() => WithChunkBefore("bext", WavFixture.BextPayload());
    public WavBuilder WithFact() => WithChunkBetween("fact", BitConverter.GetBytes((uint)TotalFrames));
    public WavBuilder WithListAfterData() => WithChunkAfter("LIST", WavFixture.OddListPayload);

    /// <summary>fmt chunk size: 16 (PCM), 18 (cbSize = 0), 40 (EXTENSIBLE) or larger (zero extension, cbSize set).</summary>
    public WavBuilder FmtSize(int size) { _fmtSize = size; return this; }
    public WavBuilder FmtAfterData() { _fmtAfterData = true; return this; }
    public WavBuilder OmitFmt() { _omitFmt = true; return this; }
    public WavBuilder OmitData() { _omitData = true; return this; }
    /// <summary>Writes a wrong nBlockAlign (the samples keep their real layout).</summary>
    public WavBuilder BlockAlignField(int value) { _blockAlignOverride = value; return this; }
    /// <summary>Writes a wrong nAvgBytesPerSec.</summary>
    public WavBuilder ByteRateField(int value) { _byteRateOverride = value; return this; }
    /// <summary>An EXTENSIBLE SubFormat that is not the KSDATAFORMAT family.</summary>
    public WavBuilder SubFormatGuid(Guid guid) { _subFormatGuid = guid; return this; }
    /// <summary>Value of the pad byte after odd chunks (RIFF says 0; some writers don't care).</summary>
    public WavBuilder PadByte(byte value) { _padByte = value; return this; }
    /// <summary>Writes odd chunks without their pad byte (a writer bug).</summary>
    public WavBuilder OmitPadBytes() { _omitPadBytes = true; return this; }
    /// <summary>Declared data size, e.g. 0xFFFFFFFF or 0 as streaming writers leave it.</summary>
    public WavBuilder DataSize(uint declared) { _dataSizeOverride = declared; return this; }
    public WavBuilder RiffSize(uint declared) { _riffSizeOverride = declared; return this; }
    /// <summary>RIFF size off by <paramref name="delta"/> from the correct value.</summary>
    public WavBuilder RiffSizeDelta(int delta) { _riffSizeDelta = delta; return this; }
    /// <summary>Cuts the file after <paramref name="length"/> bytes (a truncated recording or copy).</summary>
    public WavBuilder TruncateTo(long length) { _truncateTo = length; return this; }
    /// <summary>Bytes after the RIFF chunk that its size does not count.</summary>
    public WavBuilder TrailingGarbage(byte[] bytes) { _trailing = bytes; return this; }
    public WavBuilder TrailingGarbage(int count, byte value = 0xAB) => TrailingGarbage(Enumerable.Repeat(value, count).ToArray());
    /// <summary>RF64: RIFF and data sizes 0xFFFFFFFF, real sizes in a ds64 chunk (or none, for the broken variant).</summary>
    public WavBuilder Rf64(bool withDs64 = true) { _rf64 = true; _rf64Ds64 = withDs64; return this; }
    /// <summary>'RIFX' with big-endian header fields.</summary>
    public WavBuilder BigEndian() { _bigEndian = true; return this; }

    // ---- rendering ------------------------------------------------------------------------------------
    public byte[] ToArray()
    {
        var ms = new MemoryStream();
        WriteTo(ms);
        return ms.ToArray();
    }

    public void WriteTo(Stream stream)
    {
        var bytes = Render(includeSamples: true);
        stream.Write(bytes, 0, bytes.Length);
    }

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, Render(includeSamples: true));
        return path;
    }

    /// <summary>Header as built (data must be last), then SetLength for <paramref name="dataBytes"/> zero bytes. Returns the file length.</summary>
    public long WriteSparse(string path, long dataBytes)
    {
        if (_extra.Any(c => c.Position == WavChunkPosition.AfterData) || _fmtAfterData || _trailing.Length > 0)
            throw new InvalidOperationException("A sparse WAV needs the data chunk last.");
        _virtualDataBytes = dataBytes;
        try
        {
            var header = Render(includeSamples: false);
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
            fs.Write(header, 0, header.Length);
            fs.SetLength(header.Length + dataBytes);
            return fs.Length;
        }
        finally
        {
            _virtualDataBytes = null;
        }
    }

    private byte[] Render(bool includeSamples)
    {
        var samples = includeSamples ? Samples() : Array.Empty<byte>();
        var dataBytes = DataBytes;
        var fmt = Chunk("fmt ", FmtPayload(), null);
        var dataDeclared = _dataSizeOverride ?? (_rf64 ? uint.MaxValue : (uint)Math.Min(dataBytes, uint.MaxValue));
        var dataHeader = Header("data", dataDeclared);
        var dataPad = dataBytes % 2 == 1 && !_omitPadBytes && includeSamples ? new[] { _padByte } : Array.Empty<byte>();

        var body = new MemoryStream();
        void Extra(WavChunkPosition p)
        {
            foreach (var c in _extra.Where(c => c.Position == p)) body.Write(Chunk(c.Id, c.Payload, c.DeclaredSize));
        }
        Extra(WavChunkPosition.BeforeFmt);
        if (!_omitFmt && !_fmtAfterData) body.Write(fmt);
        Extra(WavChunkPosition.BetweenFmtAndData);
        if (!_omitData)
        {
            body.Write(dataHeader);
            body.Write(samples);
            body.Write(dataPad);
        }
        if (!_omitFmt && _fmtAfterData) body.Write(fmt);
        Extra(WavChunkPosition.AfterData);

        var ds64 = Array.Empty<byte>();
        if (_rf64 && _rf64Ds64)
        {
            var payload = new byte[28];
            ds64 = new byte[36];
            var sparseExtra = includeSamples ? 0 : dataBytes;
            BitConverter.GetBytes(4 + 36 + body.Length + sparseExtra).CopyTo(payload, 0);
            BitConverter.GetBytes(dataBytes).CopyTo(payload, 8);
            BitConverter.GetBytes(dataBytes / BlockAlign).CopyTo(payload, 16);
            ds64 = Chunk("ds64", payload, null);
        }

        var riffPayload = 4 + ds64.Length + body.Length + (includeSamples ? 0 : dataBytes);
        var riffSize = _riffSizeOverride ?? (_rf64 ? uint.MaxValue : (uint)Math.Min(riffPayload + _riffSizeDelta, uint.MaxValue));

        var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes(_bigEndian ? "RIFX" : _rf64 ? "RF64" : "RIFF"));
        file.Write(U32(riffSize));
        file.Write("WAVE"u8);
        file.Write(ds64);
        body.Position = 0;
        body.CopyTo(file);
        file.Write(_trailing);
        var all = file.ToArray();
        return _truncateTo.HasValue && _truncateTo.Value < all.Length ? all.AsSpan(0, (int)_truncateTo.Value).ToArray() : all;
    }

    private byte[] FmtPayload()
    {
        var extensible = _formatTag == 0xFFFE;
        var size = _fmtSize ?? (extensible ? 40 : 16);
        var p = new byte[Math.Max(size, 16)];
        var blockAlign = _blockAlignOverride ?? BlockAlign;
        var byteRate = _byteRateOverride ?? _sampleRate * BlockAlign;
        U16(_formatTag).CopyTo(p, 0);
        U16(_channels).CopyTo(p, 2);
        U32((uint)_sampleRate).CopyTo(p, 4);
        U32((uint)byteRate).CopyTo(p, 8);
        U16(blockAlign).CopyTo(p, 12);
        U16(_bits).CopyTo(p, 14);
        if (size >= 18) U16(size - 18).CopyTo(p, 16);
        if (extensible && size >= 40)
        {
            U16(_validBits).CopyTo(p, 18);
            U32(_channelMask).CopyTo(p, 20);
            var guid = _subFormatGuid ?? new Guid($"{_subFormat:x8}-0000-0010-8000-00aa00389b71");
            guid.ToByteArray().CopyTo(p, 24);
        }
        return size < 16 ? p.AsSpan(0, size).ToArray() : p;
    }

    private byte[] Chunk(string id, byte[] payload, uint? declaredSize)
    {
        var ms = new MemoryStream();
        ms.Write(Header(id, declaredSize ?? (uint)payload.Length));
        ms.Write(payload);
        if (payload.Length % 2 == 1 && !_omitPadBytes) ms.WriteByte(_padByte);
        return ms.ToArray();
    }

    private byte[] Header(string id, uint size)
    {
        var h = new byte[8];
        Encoding.ASCII.GetBytes(id).CopyTo(h, 0);
        U32(size).CopyTo(h, 4);
        return h;
    }

    private byte[] U16(int v) => _bigEndian ? new[] { (byte)(v >> 8), (byte)v } : new[] { (byte)v, (byte)(v >> 8) };

    private byte[] U32(uint v) => _bigEndian
        ? new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v }
        : new[] { (byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24) };

    // ---- samples ---------------------------------------------------------------------------------------
    private byte[] Samples()
    {
        var bytesPerSample = Math.Max(1, (_bits + 7) / 8);
        var data = new byte[TotalFrames * BlockAlign];
        var rng = new Random(_seed);
        var at = 0;
        for (long f = 0; f < TotalFrames; f++)
        {
            var inSignal = f >= _leadingFrames && f < _leadingFrames + _frames;
            var t = (f - _leadingFrames) / (double)_sampleRate;
            for (var c = 0; c < _channels; c++)
            {
                var x = !inSignal ? 0.0 : _signal switch
                {
                    WavSignal.Sine => _amplitude * Math.Sin(2 * Math.PI * _frequency * t),
                    WavSignal.Noise => _amplitude * (rng.NextDouble() * 2 - 1),
                    WavSignal.Clipped => Math.Clamp(_amplitude * Math.Sin(2 * Math.PI * _frequency * t), -1.0, 1.0),
                    WavSignal.Constant => _amplitude,
                    _ => 0.0,
                };
                Encode(x, data, at, bytesPerSample);
                at += bytesPerSample;
            }
        }
        return data;
    }

    private void Encode(double x, byte[] d, int at, int bytesPerSample)
    {
        if (_subFormat == 3)
        {
            switch (_bits)
            {
                case 64: BitConverter.GetBytes(x).CopyTo(d, at); break;
                case 32: BitConverter.GetBytes((float)x).CopyTo(d, at); break;
                case 16: BitConverter.GetBytes((Half)x).CopyTo(d, at); break;
                default: break; // other float widths: zeros
            }
            return;
        }
        if (_subFormat != 1)
        {
            for (var i = 0; i < bytesPerSample; i++) d[at + i] = _subFormat == 6 ? (byte)0xD5 : (byte)0xFF; // A-law/µ-law zero; filler otherwise
            return;
        }
        if (bytesPerSample == 1)
        {
            d[at] = (byte)Math.Clamp(Math.Round(x * 128) + 128, 0, 255);
            return;
        }
        var valid = Math.Min(_validBits, bytesPerSample * 8);
        var full = Math.Pow(2, valid - 1);
        var v = (long)Math.Clamp(Math.Round(x * full), -full, full - 1);
        var raw = v << (bytesPerSample * 8 - valid);
        for (var i = 0; i < bytesPerSample; i++) d[at + i] = (byte)(raw >> (8 * i));
    }
}

/// <summary>A temp directory deleted on Dispose, for tests that write fixture files.</summary>
public sealed class WavTempDirectory : IDisposable
{
    public WavTempDirectory() => Path = Directory.CreateTempSubdirectory("msv-wav-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
