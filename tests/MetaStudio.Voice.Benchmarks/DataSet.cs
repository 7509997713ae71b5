using System.Buffers.Binary;
using System.Text;

namespace MetaStudio.Voice.Benchmarks;

/// <summary>Synthetic training data in one work folder (tmpfs when there is room), removed on dispose.</summary>
internal sealed class DataSet : IDisposable
{
    public const int SentenceSampleRate = 20000; // 16-bit mono: 40,000 B/s, so 200–500 KiB = 5.1–12.8 s per sentence
    private readonly Random _random = new(20240607);

    public DataSet(long bytesNeeded)
    {
        var shm = new DriveInfo("/dev/shm");
        var baseDir = Directory.Exists("/dev/shm") && shm.AvailableFreeSpace > bytesNeeded + (1L << 30) ? "/dev/shm" : Path.GetTempPath();
        Root = Path.Combine(baseDir, "msv-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(Root);
        OnTmpfs = baseDir == "/dev/shm";
    }

    public string Root { get; }
    public bool OnTmpfs { get; }

    /// <summary>A synthetic zip: "PK\x03\x04" then pseudo-random bytes (1 MiB random block, varied per block). Read once after writing.</summary>
    public string Zip(long size)
    {
        var path = Path.Combine(Root, $"package-{size}.zip");
        if (File.Exists(path) && new FileInfo(path).Length == size) return path;
        var block = new byte[1024 * 1024];
        _random.NextBytes(block);
        using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1))
        {
            long written = 0;
            long n = 0;
            while (written < size)
            {
                BinaryPrimitives.WriteInt64LittleEndian(block.AsSpan(8), n++);
                if (written == 0) { block[0] = (byte)'P'; block[1] = (byte)'K'; block[2] = 3; block[3] = 4; }
                var count = (int)Math.Min(block.Length, size - written);
                fs.Write(block, 0, count);
                written += count;
            }
        }
        Warm(path);
        return path;
    }

    /// <summary>Reads the file once so it is in the page cache (a no-op cost on tmpfs).</summary>
    public static void Warm(string path)
    {
        var buffer = new byte[1024 * 1024];
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (fs.Read(buffer, 0, buffer.Length) > 0) { }
    }

    /// <summary>
    /// <paramref name="folders"/> folders of <paramref name="pairs"/> sentence pairs i.wav (200–500 KiB, a real
    /// 44-byte PCM header, 16-bit mono) and i.txt, as an Advanced (100 pairs) SEGMENT job wants them.
    /// </summary>
    public List<string> SentenceFolders(int folders, int pairs)
    {
        var list = new List<string>();
        var samples = new byte[500 * 1024];
        for (var f = 0; f < folders; f++)
        {
            var dir = Path.Combine(Root, $"sentences-{f:00}");
            list.Add(dir);
            if (Directory.Exists(dir)) continue;
            Directory.CreateDirectory(dir);
            for (var i = 0; i < pairs; i++)
            {
                var size = 200 * 1024 + _random.Next(300 * 1024 + 1);
                size -= size % 2;
                _random.NextBytes(samples);
                using (var fs = new FileStream(Path.Combine(dir, i + ".wav"), FileMode.Create))
                {
                    fs.Write(WavHeader(size - 44, SentenceSampleRate));
                    fs.Write(samples, 0, size - 44);
                }
                File.WriteAllText(Path.Combine(dir, i + ".txt"), $"这是第{i}句测试文本，用于基准测试。Sentence {i} of set {f}.", new UTF8Encoding(false));
            }
        }
        return list;
    }

    /// <summary>A WAV of <paramref name="size"/> bytes: header + sparse data (SetLength), so 2 GiB costs no RAM or disk.</summary>
    public string SparseWav(string name, long size, int sampleRate = 48000)
    {
        var path = Path.Combine(Root, name);
        using var fs = new FileStream(path, FileMode.Create);
        fs.Write(WavHeader(size - 44, sampleRate));
        fs.SetLength(size);
        return path;
    }

    /// <summary>The canonical 44-byte header of 16-bit mono PCM.</summary>
    public static byte[] WavHeader(long dataBytes, int sampleRate)
    {
        var h = new byte[44];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(h, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), checked((uint)(dataBytes + 36)));
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(h, 8);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(24), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(28), (uint)(sampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(h, 36);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(40), checked((uint)dataBytes));
        return h;
    }

    public void Delete(string path)
    {
        try { File.Delete(path); } catch (IOException) { }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
