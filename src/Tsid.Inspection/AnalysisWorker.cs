using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Tsid.Inspection
{
    /// <summary>
    /// The second thread of <see cref="InspectionOptions.UseWorkerThread"/>: takes batches of ended connections in the order
    /// the reading thread posts them and analyses them one by one (so the handler sees the same order as without it). The
    /// queue is bounded (<see cref="ConnectionInspector.MaxQueuedConnections"/>): the reading thread waits when it is full.
    /// Analysed connections are reset here and go back to the reading thread, which reuses them.
    /// </summary>
    internal sealed class AnalysisWorker
    {
        private const int MaxQueuedBatches = ConnectionInspector.MaxQueuedConnections / ConnectionInspector.WorkerBatchSize;

        private readonly InspectionRun _run;
        private readonly object _gate = new();
        private readonly Queue<List<PendingConnection>> _queue = new();
        private readonly Stack<List<PendingConnection>> _emptyBatches = new();
        private readonly List<PendingConnection> _analysed = new();
        private readonly Thread _thread;
        private bool _completing;
        private bool _aborted;
        private Exception? _failure;

        public AnalysisWorker(InspectionRun run)
        {
            _run = run;
            _thread = new Thread(Work) { IsBackground = true, Name = "Tsid.Inspection analysis" };
            _thread.Start();
        }

        /// <summary>A list to fill with the next batch.</summary>
        public List<PendingConnection> TakeEmptyBatch()
        {
            lock (_gate)
            {
                return _emptyBatches.Count > 0 ? _emptyBatches.Pop() : new List<PendingConnection>(ConnectionInspector.WorkerBatchSize);
            }
        }

        /// <summary>Queues a batch; waits while the queue is full. Rethrows the handler's exception once the worker failed.</summary>
        public void Post(List<PendingConnection> batch)
        {
            lock (_gate)
            {
                while (_queue.Count >= MaxQueuedBatches && _failure is null)
                {
                    Monitor.Wait(_gate);
                }

                ThrowIfFailed();
                _queue.Enqueue(batch);
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Moves the connections analysed so far into <paramref name="into"/>.</summary>
        public void TakeAnalysed(List<PendingConnection> into)
        {
            lock (_gate)
            {
                into.AddRange(_analysed);
                _analysed.Clear();
            }
        }

        /// <summary>Waits until every queued batch was analysed, then rethrows the handler's exception if there was one.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                _completing = true;
                Monitor.PulseAll(_gate);
            }

            _thread.Join();
            lock (_gate)
            {
                ThrowIfFailed();
            }
        }

        /// <summary>Stops after the batch in progress; the rest of the queue is dropped.</summary>
        public void Abort()
        {
            lock (_gate)
            {
                _aborted = true;
                _completing = true;
                Monitor.PulseAll(_gate);
            }

            _thread.Join();
        }

        private void ThrowIfFailed()
        {
            if (_failure is not null)
            {
                ExceptionDispatchInfo.Capture(_failure).Throw();
            }
        }

        private void Work()
        {
            while (true)
            {
                List<PendingConnection> batch;
                lock (_gate)
                {
                    while (_queue.Count == 0 && !_completing)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (_aborted || _queue.Count == 0)
                    {
                        return;
                    }

                    batch = _queue.Dequeue();
                    Monitor.PulseAll(_gate);
                }

                try
                {
                    foreach (PendingConnection connection in batch)
                    {
                        _run.Analyze(connection);

                        // At once: the observer's buffers go back to the shared pool while it still has room for them.
                        connection.Reset();
                    }
                }
                catch (Exception e)
                {
                    lock (_gate)
                    {
                        _failure = e;
                        Monitor.PulseAll(_gate);
                    }

                    return;
                }

                lock (_gate)
                {
                    _analysed.AddRange(batch);
                    batch.Clear();
                    _emptyBatches.Push(batch);
                }
            }
        }
    }
}
