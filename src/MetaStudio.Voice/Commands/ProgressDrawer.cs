using System;
using System.Diagnostics;
using System.Management.Automation;
using MetaStudio.Voice.Upload;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// Draws a <see cref="TransferProgress"/> as a progress bar from the pipeline thread, only when
    /// the percent or the phase changes (progress rendering is not free in PowerShell).
    /// </summary>
    internal sealed class ProgressDrawer
    {
        private readonly Cmdlet _cmdlet;
        private readonly ProgressRecord _record;
        private readonly ProgressRecord? _file;
        private string? _lastFile;
        private readonly TransferProgress _progress;
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int _lastPercent = -1;
        private string? _lastPhase;

        public ProgressDrawer(Cmdlet cmdlet, int activityId, int fileActivityId, string activity, TransferProgress progress)
        {
            _cmdlet = cmdlet;
            _progress = progress;
            _record = new ProgressRecord(activityId, activity, "Starting");
            _file = new ProgressRecord(fileActivityId, "File", "Starting") { ParentActivityId = activityId };
        }

        public void Draw()
        {
            var phase = _progress.Phase;
            if (phase.Length == 0) return;
            var percent = _progress.Percent;
            var current = _progress.Current;
            if (percent == _lastPercent && phase == _lastPhase && current == _lastFile) return;
            if (phase != _lastPhase) _watch.Restart();
            _lastPercent = percent;
            _lastPhase = phase;
            var done = _progress.Done;
            var total = _progress.Total;
            var files = _progress.FilesTotal > 1 ? $", file {Math.Min(_progress.FilesDone + 1, _progress.FilesTotal)} of {_progress.FilesTotal}" : "";
            _record.StatusDescription = $"{phase}: {Size(done)} of {Size(total)}{files}";
            _record.PercentComplete = percent;
            var seconds = _watch.Elapsed.TotalSeconds;
            _record.SecondsRemaining = done > 0 && seconds > 1 ? (int)Math.Min(int.MaxValue, (total - done) / (done / seconds)) : -1;
            _cmdlet.WriteProgress(_record);
            if (_file != null && current.Length > 0 && current != _lastFile)
            {
                _file.StatusDescription = current;
                _cmdlet.WriteProgress(_file);
            }
            _lastFile = current;
        }

        public void Complete()
        {
            if (_file != null && _lastFile != null && _lastFile.Length > 0)
            {
                _file.RecordType = ProgressRecordType.Completed;
                _cmdlet.WriteProgress(_file);
            }
            _record.RecordType = ProgressRecordType.Completed;
            _record.PercentComplete = 100;
            _cmdlet.WriteProgress(_record);
        }

        internal static string Size(long bytes)
        {
            if (bytes < 1024) return bytes + " B";
            if (bytes < 1024 * 1024) return (bytes / 1024.0).ToString("0.0") + " KiB";
            if (bytes < 1024L * 1024 * 1024) return (bytes / (1024.0 * 1024)).ToString("0.0") + " MiB";
            return (bytes / (1024.0 * 1024 * 1024)).ToString("0.00") + " GiB";
        }
    }
}
