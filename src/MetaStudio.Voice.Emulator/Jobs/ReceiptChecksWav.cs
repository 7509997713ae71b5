using System.Buffers.Binary;
using System.IO.Compression;

namespace MetaStudio.Voice.Emulator;

/// <summary>What the emulator reads from a WAV header.</summary>
internal sealed record WavHeaderInfo(int FormatTag, int Channels, int SampleRate, int BitsPerSample, long DataBytes)
{
    public double Seconds => SampleRate <= 0 || Channels <= 0 || BitsPerSample <= 0
        ? 0
        : DataBytes / (double)(SampleRate * (long)Channels * ((BitsPerSample + 7) / 8));
}

/// <summary>
/// The emulator's own minimal RIFF/WAVE reader: "RIFF" size "WAVE", then chunks; a readable WAV has a 'fmt ' chunk
/// (≥ 16 bytes, non-zero channels/rate/bits) followed somewhere by a 'data' chunk. Chunks between are skipped by
/// reading (the stream need not seek), at most <see cref="MaxSkip"/> bytes in all. Nothing past the 'data' header is read.
/// </summary>
internal static class WavProbe
{
    private const long MaxSkip = 64L * 1024 * 1024;

    /// <summary>The header, or null with <paramref name="problem"/> saying why the bytes are not a readable WAV.</summary>
    public static WavHeaderInfo? TryRead(Stream stream, out string? problem)
    {
        Span<byte> head = stackalloc byte[12];
        if (ReadFully(stream, head) < 12)
        {
            problem = "the file is shorter than a RIFF header";
            return null;
        }
        if (!head[..4].SequenceEqual("RIFF"u8) || !head[8..12].SequenceEqual("WAVE"u8))
        {
            problem = head[..3].SequenceEqual("ID3"u8) || (head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)
                ? "the file is MP3 audio, not RIFF/WAVE"
                : "the file does not start with RIFF....WAVE";
            return null;
        }

        WavHeaderInfo? fmt = null;
        long skipped = 0;
        Span<byte> chunk = stackalloc byte[8];
        var scratch = new byte[8192];
        while (true)
        {
            if (ReadFully(stream, chunk) < 8)
            {
                problem = fmt is null ? "no 'fmt ' chunk" : "no 'data' chunk";
                return null;
            }
            var id = System.Text.Encoding.ASCII.GetString(chunk[..4]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..8]);
            if (id == "fmt ")
            {
                if (size < 16 || size > 4096)
                {
                    problem = $"the 'fmt ' chunk has an invalid size {size}";
                    return null;
                }
                var body = new byte[size + (size & 1)];
                if (ReadFully(stream, body) < size)
                {
                    problem = "the 'fmt ' chunk is truncated";
                    return null;
                }
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(0, 2));
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2, 2));
                var rate = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4, 4));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14, 2));
                if (channels == 0 || rate <= 0 || bits == 0)
                {
                    problem = "the 'fmt ' chunk declares zero channels, sample rate or bits per sample";
                    return null;
                }
                fmt = new WavHeaderInfo(tag, channels, rate, bits, 0);
                continue;
            }
            if (id == "data")
            {
                if (fmt is null)
                {
                    problem = "the 'data' chunk comes before the 'fmt ' chunk";
                    return null;
                }
                problem = null;
                return fmt with { DataBytes = size };
            }
            var toSkip = size + (size & 1);
            skipped += toSkip;
            if (skipped > MaxSkip)
            {
                problem = "no 'data' chunk within the first 64 MiB";
                return null;
            }
            while (toSkip > 0)
            {
                var read = stream.Read(scratch, 0, (int)Math.Min(scratch.Length, toSkip));
                if (read == 0)
                {
                    problem = $"the '{id.Trim()}' chunk is truncated";
                    return null;
                }
                toSkip -= read;
            }
        }
    }

    public static WavHeaderInfo? TryRead(string path, out string? problem)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 8192);
            return TryRead(fs, out problem);
        }
        catch (IOException e)
        {
            problem = e.Message;
            return null;
        }
    }

    public static WavHeaderInfo? TryRead(ZipArchiveEntry entry, out string? problem)
    {
        try
        {
            using var s = entry.Open();
            return TryRead(s, out problem);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException)
        {
            problem = "the zip entry cannot be read: " + e.Message;
            return null;
        }
    }

    /// <summary>True when the file starts like a zip archive (local file header or empty-archive end record).</summary>
    public static bool LooksLikeZip(string path)
    {
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16);
            Span<byte> sig = stackalloc byte[4];
            return ReadFully(fs, sig) == 4 && sig[0] == (byte)'P' && sig[1] == (byte)'K'
                && ((sig[2] == 3 && sig[3] == 4) || (sig[2] == 5 && sig[3] == 6));
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
