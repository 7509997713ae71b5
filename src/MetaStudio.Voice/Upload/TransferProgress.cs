using System.Threading;

namespace MetaStudio.Voice.Upload
{
    /// <summary>
    /// Counters that worker threads bump and the pipeline thread reads to draw progress: the workers
    /// never call Write*, and progress costs nothing per buffer.
    /// </summary>
    internal sealed class TransferProgress
    {
        private long _done;
        private long _total;
        private volatile string _phase = "";
        private volatile string _current = "";
        private int _filesDone;
        private int _filesTotal;

        public string Phase => _phase;
        public long Done => Interlocked.Read(ref _done);
        public long Total => Interlocked.Read(ref _total);

        /// <summary>Starts a phase (Packing, Uploading ...) over a number of bytes.</summary>
        public void Begin(string phase, long total)
        {
            Interlocked.Exchange(ref _done, 0);
            Interlocked.Exchange(ref _total, total);
            _phase = phase;
        }

        public void Add(long bytes) => Interlocked.Add(ref _done, bytes);

        /// <summary>The file (or files) being sent now, for the child progress bar.</summary>
        public string Current { get => _current; set => _current = value ?? ""; }

        public int FilesDone => Volatile.Read(ref _filesDone);
        public int FilesTotal => Volatile.Read(ref _filesTotal);
        public void SetFiles(int total) => Interlocked.Exchange(ref _filesTotal, total);
        public void FileDone() => Interlocked.Increment(ref _filesDone);

        public int Percent
        {
            get
            {
                var total = Total;
                if (total <= 0) return 0;
                var p = (int)(Done * 100 / total);
                return p < 0 ? 0 : p > 100 ? 100 : p;
            }
        }
    }
}
