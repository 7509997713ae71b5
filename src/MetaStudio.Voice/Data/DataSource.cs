using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace MetaStudio.Voice.Data
{
    /// <summary>One file of a dataset: in a folder, in a zip, or a lone .wav.</summary>
    internal sealed class DataEntry
    {
        public DataEntry(string name, long size, Func<Stream> open, bool seekable)
        {
            Name = name;
            Size = size;
            Open = open;
            Seekable = seekable;
        }

        /// <summary>The name relative to the dataset's root, with '/' separators.</summary>
        public string Name { get; }
        public long Size { get; }
        public Func<Stream> Open { get; }
        public bool Seekable { get; }
        public string FileName => Name.Substring(Name.LastIndexOf('/') + 1);
        public bool IsNested => Name.IndexOf('/') >= 0;
        public string Extension => Path.GetExtension(FileName);
    }

    /// <summary>
    /// A dataset to check: a folder (its top level and, to report them, its subfolders), a zip read in
    /// place without unpacking, or a single .wav.
    /// </summary>
    internal sealed class DataSource : IDisposable
    {
        private readonly ZipArchive? _zip;

        private DataSource(string path, bool isZip, IReadOnlyList<DataEntry> entries, ZipArchive? zip)
        {
            Path = path;
            IsZip = isZip;
            Entries = entries;
            _zip = zip;
        }

        public string Path { get; }
        public bool IsZip { get; }
        public IReadOnlyList<DataEntry> Entries { get; }

        public static DataSource Open(string path)
        {
            if (Directory.Exists(path))
            {
                var root = new DirectoryInfo(path);
                var entries = root.EnumerateFiles("*", SearchOption.AllDirectories)
                    .Select(f => new DataEntry(Relative(root.FullName, f.FullName), f.Length, () => OpenFile(f.FullName), seekable: true))
                    .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                return new DataSource(path, false, entries, null);
            }
            var info = new FileInfo(path);
            if (!info.Exists) throw new FileNotFoundException($"The training data {path} does not exist.", path);
            if (info.Extension.Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                var stream = OpenFile(path);
                ZipArchive zip;
                try { zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false); }
                catch (InvalidDataException)
                {
                    stream.Dispose();
                    throw;
                }
                var entries = zip.Entries.Where(e => !e.FullName.EndsWith("/", StringComparison.Ordinal))
                    .Select(e => new DataEntry(e.FullName.Replace('\\', '/'), e.Length, () => new ForwardSeekStream(e.Open, e.Length), seekable: false))
                    .OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                return new DataSource(path, true, entries, zip);
            }
            return new DataSource(path, false, new[] { new DataEntry(info.Name, info.Length, () => OpenFile(info.FullName), seekable: true) }, null);
        }

        private static Stream OpenFile(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);

        private static string Relative(string root, string full)
            => full.Substring(root.TrimEnd(System.IO.Path.DirectorySeparatorChar).Length + 1).Replace(System.IO.Path.DirectorySeparatorChar, '/');

        public void Dispose() => _zip?.Dispose();
    }

    /// <summary>
    /// Makes a forward-only stream (a zip entry) look seekable to the header parser: seeking forward
    /// reads and discards, seeking backward reopens the entry. Headers sit at the front, so the common
    /// case reads a few hundred bytes.
    /// </summary>
    internal sealed class ForwardSeekStream : Stream
    {
        private readonly Func<Stream> _open;
        private readonly long _length;
        private Stream _inner;
        private long _position;

        public ForwardSeekStream(Func<Stream> open, long length)
        {
            _open = open;
            _length = length;
            _inner = open();
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = _inner.Read(buffer, offset, count);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : _length + offset;
            if (target < 0) throw new IOException("Cannot seek before the start.");
            if (target < _position)
            {
                _inner.Dispose();
                _inner = _open();
                _position = 0;
            }
            var skip = new byte[81920];
            while (_position < target)
            {
                var n = _inner.Read(skip, 0, (int)Math.Min(skip.Length, target - _position));
                if (n <= 0) break;
                _position += n;
            }
            return _position;
        }

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
