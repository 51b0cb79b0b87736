namespace Compacts.Functions.Streams;

/// <summary>A stream read once from the front: no seeking, no writing, no length; <see cref="Position"/> is what was read so far.</summary>
public abstract class ForwardOnlyStream : Stream
{
    /// <summary>Bytes read so far.</summary>
    protected long ReadSoFar { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => ReadSoFar; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
