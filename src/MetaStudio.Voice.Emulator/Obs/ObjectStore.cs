using System.Buffers;
using System.Security.Cryptography;

namespace MetaStudio.Voice.Emulator;

/// <summary>
/// The emulated bucket contents. Bodies are streamed to a temp file next to the target (MD5 computed on the way) and
/// renamed into place; last write wins. In discard mode only size and MD5 are kept.
/// </summary>
internal sealed class ObjectStore
{
    private const int BufferSize = 1024 * 1024;
    private readonly object _gate = new();
    private readonly Dictionary<(string Bucket, string Key), StoredObject> _objects = new();
    private readonly string _root;
    private readonly bool _discard;
    private readonly bool _hash;
    private readonly TimeProvider _clock;

    public ObjectStore(string root, bool discard, TimeProvider clock, bool hash = true)
    {
        _root = root;
        _discard = discard;
        _hash = hash;
        _clock = clock;
    }

    public IReadOnlyList<StoredObject> Snapshot()
    {
        lock (_gate) return _objects.Values.OrderBy(o => o.Bucket, StringComparer.Ordinal).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
    }

    public StoredObject? Find(string bucket, string key)
    {
        lock (_gate) return _objects.GetValueOrDefault((bucket, key));
    }

    /// <summary>True when the key maps to a path inside the data directory (no "..", no empty segments).</summary>
    public static bool IsSafeKey(string key) =>
        key.Length > 0 && key.Split('/').All(s => s.Length > 0 && s != "." && s != ".." && s.IndexOfAny(['\\', '\0']) < 0);

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes from <paramref name="body"/> and stores them. Throws
    /// <see cref="IncompleteBodyException"/> (storing nothing) when the body ends early.
    /// </summary>
    public async Task<StoredObject> PutAsync(string bucket, string key, string contentType, Stream body, long length, CancellationToken ct)
    {
        string? tempPath = null;
        string? finalPath = null;
        FileStream? file = null;
        if (!_discard)
        {
            finalPath = Path.Combine(_root, bucket, Path.Combine(key.Split('/')));
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            tempPath = Path.Combine(Path.GetDirectoryName(finalPath)!, $".{Path.GetFileName(finalPath)}.{Guid.NewGuid():N}.tmp");
            file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var completed = false;
        try
        {
            // Benchmarks turn hashing off, so the emulator is not the slowest part of a throughput test.
            using var md5 = _hash ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
            long total = 0;
            while (total < length)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - total)), ct);
                }
                catch (Exception e) when (e is IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
                {
                    throw new IncompleteBodyException(total, length, e);
                }
                if (read == 0) throw new IncompleteBodyException(total, length, null);
                md5?.AppendData(buffer, 0, read);
                if (file is not null) await file.WriteAsync(buffer.AsMemory(0, read), ct);
                total += read;
            }
            if (file is not null)
            {
                await file.FlushAsync(ct);
                await file.DisposeAsync();
                file = null;
            }

            var stored = new StoredObject(bucket, key, total, md5 is null ? "" : Convert.ToHexStringLower(md5.GetHashAndReset()), contentType, finalPath)
            {
                LastModified = _clock.GetUtcNow(),
            };
            lock (_gate)
            {
                // Rename and index under one lock so the file on disk and the index agree on the last writer.
                if (tempPath is not null) File.Move(tempPath, finalPath!, overwrite: true);
                _objects[(bucket, key)] = stored;
            }
            completed = true;
            return stored;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (file is not null) await file.DisposeAsync();
            if (!completed && tempPath is not null)
            {
                try { File.Delete(tempPath); } catch (IOException) { }
            }
        }
    }

    /// <summary>Reads a stored text object (null when missing or not on disk).</summary>
    public string? ReadText(string bucket, string key, int maxBytes = 1024 * 1024)
    {
        var obj = Find(bucket, key);
        if (obj?.FilePath is null) return null;
        try
        {
            using var fs = new FileStream(obj.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buf = new byte[(int)Math.Min(maxBytes, fs.Length)];
            fs.ReadExactly(buf);
            return System.Text.Encoding.UTF8.GetString(buf);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>The request body ended before Content-Length bytes arrived.</summary>
internal sealed class IncompleteBodyException(long received, long expected, Exception? inner)
    : Exception($"Request body ended after {received} of {expected} bytes.", inner);
