using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MetaStudio.Voice.Data
{
    /// <summary>
    /// Cuts the first seconds of a recording into a fresh WAV inside a zip: the sample a quality
    /// assessment (VOICE_ASSESS) takes. Streams the audio; never loads the recording.
    /// </summary>
    internal static class SampleClip
    {
        public static async Task WriteZipAsync(Stream source, WavInfo info, TimeSpan length, string zipPath, CancellationToken ct)
        {
            if (!info.IsReadable || info.DataOffset < 0 || info.BlockAlign <= 0)
                throw new ArgumentException($"{info.Name} has no readable audio to take a sample from.", nameof(info));
            var frames = Math.Min(info.Frames, (long)(length.TotalSeconds * info.SampleRate));
            var dataBytes = frames * info.BlockAlign;
            using var output = new FileStream(zipPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var zip = new ZipArchive(output, ZipArchiveMode.Create);
            var entry = zip.CreateEntry("sample.wav", CompressionLevel.NoCompression);
            using var target = entry.Open();
            using (var header = new BinaryWriter(target, Encoding.ASCII, leaveOpen: true))
            {
                // A canonical 44-byte header: what every reader takes, whatever chunks the original had.
                var formatTag = info.EffectiveFormatTag == 3 ? 3 : 1;
                header.Write(Encoding.ASCII.GetBytes("RIFF"));
                header.Write((uint)(36 + dataBytes));
                header.Write(Encoding.ASCII.GetBytes("WAVEfmt "));
                header.Write(16);
                header.Write((short)formatTag);
                header.Write((short)info.Channels);
                header.Write(info.SampleRate);
                header.Write(info.SampleRate * info.BlockAlign);
                header.Write((short)info.BlockAlign);
                header.Write((short)(info.BlockAlign / info.Channels * 8));
                header.Write(Encoding.ASCII.GetBytes("data"));
                header.Write((uint)dataBytes);
            }
            source.Seek(info.DataOffset, SeekOrigin.Begin);
            var buffer = new byte[81920];
            var left = dataBytes;
            while (left > 0)
            {
                var read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, left), ct).ConfigureAwait(false);
                if (read <= 0) break;
                await target.WriteAsync(buffer, 0, read, ct).ConfigureAwait(false);
                left -= read;
            }
        }
    }
}
