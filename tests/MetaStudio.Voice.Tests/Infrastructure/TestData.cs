using System.Security.Cryptography;
using System.Text;

namespace MetaStudio.Voice.Tests.Infrastructure;

/// <summary>Small, real training data written to a temp folder that is removed on dispose.</summary>
public sealed class TestData : IDisposable
{
    public TestData() => Root = Directory.CreateTempSubdirectory("msv-test-").FullName;

    public string Root { get; }

    public string Folder(string name)
    {
        var path = Path.Combine(Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A 16 kHz 16-bit mono PCM WAV of the given length with a deterministic signal.</summary>
    public string Wav(string relativePath, double seconds, int seed = 1)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        const int rate = 16000;
        var samples = (int)(rate * seconds);
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVEfmt "u8); w.Write(16);
        w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        var random = new Random(seed);
        for (var i = 0; i < samples; i++) w.Write((short)(random.Next(-3000, 3000) + 6000 * Math.Sin(i * 0.05)));
        return path;
    }

    public string Text(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    public static string Md5(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexString(MD5.HashData(s)).ToLowerInvariant();
    }

    public static string Md5(Stream s) => Convert.ToHexString(MD5.HashData(s)).ToLowerInvariant();

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
