using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Platform.Jobs.Training;

/// <summary>
/// Texts written one after another to a temporary file (deleted when disposed) and read back by number, so a
/// version's texts are not all held in memory while the core reads them.
/// </summary>
internal sealed class TextSpill : IDisposable
{
    private readonly FileStream file = new(
        Path.Combine(Path.GetTempPath(), $"platform-texts-{Guid.NewGuid():N}.txt"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
    private readonly List<long> ends = [];
    private SafeFileHandle? reading;

    public int Count => ends.Count;

    public void Add(string text)
    {
        if (reading is not null) throw new InvalidOperationException("Texts cannot be added once reading has started.");
        file.Write(Encoding.UTF8.GetBytes(text));
        ends.Add(file.Position);
    }

    /// <summary>A stream over the text's UTF-8 bytes; safe to call from several threads once all texts are added.</summary>
    public Stream Open(int index)
    {
        var handle = Reading();
        var start = index == 0 ? 0 : ends[index - 1];
        var bytes = new byte[checked((int)(ends[index] - start))];
        for (var read = 0; read < bytes.Length;)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), start + read);
            if (n == 0) throw new EndOfStreamException("The spilled texts file ended early.");
            read += n;
        }
        return new MemoryStream(bytes, writable: false);
    }

    private SafeFileHandle Reading()
    {
        if (reading is not null) return reading;
        lock (file)
        {
            if (reading is null)
            {
                file.Flush();
                reading = file.SafeFileHandle;
            }
        }
        return reading;
    }

    public void Dispose() => file.Dispose();
}
