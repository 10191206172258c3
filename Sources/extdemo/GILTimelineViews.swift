// GILTimelineViews.swift: three pictures of one GIL timeline.
//
//  - chromeTrace: Chrome Trace Event JSON (opens in ui.perfetto.dev and chrome://tracing): one
//    track per thread named as the Python thread is, a complete ("X") slice per state with its
//    exact nanoseconds in args, drop requests and forced-switch waits as instant events, and a
//    flow arrow from each requester to the holder it asked.
//  - svg: a self-contained SVG with one lane per thread, a colour per state, a time axis, a
//    legend and a title (command line, machine). Slices narrower than a pixel are merged: each
//    pixel column shows the state that filled most of it, and the caption says how many merged.
//  - terminal: the same lanes as characters, sized to the terminal (COLUMNS, else the tty's
//    width, else 100), coloured only when stderr is a terminal.

import Foundation

enum GILTimelineViews {
    // ----- Chrome Trace Event JSON -------------------------------------------------------------

    static func chromeTrace(_ t: GILTimeline, command: String, machine: String) -> String {
        func us(_ ns: UInt64) -> String { String(format: "%.3f", Double(ns) / 1000) }
        var lines: [String] = []
        lines.append(#"{"ph":"M","name":"process_name","pid":1,"tid":0,"args":{"name":\#(JSON.quote(command))}}"#)
        for (i, th) in t.threads.enumerated() {
            lines.append(#"{"ph":"M","name":"thread_name","pid":1,"tid":\#(th.id),"args":{"name":\#(JSON.quote(label(t, th)))}}"#)
            lines.append(#"{"ph":"M","name":"thread_sort_index","pid":1,"tid":\#(th.id),"args":{"sort_index":\#(i)}}"#)
        }
        for s in t.slices {
            lines.append(#"{"ph":"X","cat":"gil","name":\#(JSON.quote(s.state.title)),"pid":1,"tid":\#(s.thread),"ts":\#(us(s.start)),"dur":\#(us(s.duration)),"args":{"state":"\#(s.state.rawValue)","start_ns":\#(s.start),"dur_ns":\#(s.duration)}}"#)
        }
        for (k, r) in t.dropRequests.enumerated() {
            lines.append(#"{"ph":"i","s":"t","cat":"gil","name":"drop request","pid":1,"tid":\#(r.requester),"ts":\#(us(r.time)),"args":{"holder":\#(r.holder),"holder_name":\#(JSON.quote(t.name(of: r.holder))),"time_ns":\#(r.time)}}"#)
            lines.append(#"{"ph":"s","cat":"gil","name":"drop request","id":\#(k + 1),"pid":1,"tid":\#(r.requester),"ts":\#(us(r.time))}"#)
            lines.append(#"{"ph":"f","bp":"e","cat":"gil","name":"drop request","id":\#(k + 1),"pid":1,"tid":\#(r.holder),"ts":\#(us(r.time))}"#)
        }
        for f in t.forcedWaits {
            lines.append(#"{"ph":"i","s":"t","cat":"gil","name":"forced-switch wait","pid":1,"tid":\#(f.thread),"ts":\#(us(f.time)),"args":{"time_ns":\#(f.time)}}"#)
        }
        return "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"command\":\(JSON.quote(command)),\"machine\":\(JSON.quote(machine)),"
            + "\"duration_ns\":\(t.duration)},\n\"traceEvents\":[\n" + lines.joined(separator: ",\n") + "\n]}\n"
    }

    // ----- shared: the dominant state per column ----------------------------------------------

    /// For each of `columns` equal time bins, the state that covers most of it for `thread` (nil:
    /// none), and how many slices were narrower than a bin.
    static func columns(_ t: GILTimeline, thread: Int, columns: Int) -> (cells: [GILState?], merged: Int) {
        guard columns > 0, t.duration > 0 else { return ([], 0) }
        var cover = Array(repeating: [GILState: Double](), count: columns)
        let binNs = Double(t.duration) / Double(columns)
        var merged = 0
        for s in t.slices where s.thread == thread {
            if Double(s.duration) < binNs { merged += 1 }
            let a = Double(s.start) / binNs, b = Double(s.end) / binNs
            var i = max(0, Int(a))
            while i < columns, Double(i) < b {
                let overlap = min(b, Double(i + 1)) - max(a, Double(i))
                if overlap > 0 { cover[i][s.state, default: 0] += overlap }
                i += 1
            }
        }
        let cells = cover.map { c -> GILState? in
            guard let best = c.max(by: { ($0.value, $0.key.rawValue) < ($1.value, $1.key.rawValue) }), best.value > 0.05 else { return nil }
            return best.key
        }
        return (cells, merged)
    }

    static let colours: [GILState: String] = [
        .holding: "#2e7d32", .waiting: "#d32f2f", .forced: "#f57c00", .native: "#1976d2", .blocked: "#9e9e9e",
    ]

    /// A round step for an axis of `total` ns with about `ticks` ticks.
    static func axisStep(_ total: UInt64, ticks: Int) -> UInt64 {
        let raw = max(1, Double(total) / Double(max(ticks, 1)))
        let power = pow(10, floor(log10(raw)))
        for m in [1.0, 2.0, 5.0, 10.0] where m * power >= raw { return UInt64(m * power) }
        return UInt64(10 * power)
    }

    static func timeLabel(_ ns: UInt64) -> String {
        if ns == 0 { return "0" }
        func short(_ x: Double) -> String { String(format: "%g", (x * 1000).rounded() / 1000) }
        if ns >= 1_000_000_000 { return short(Double(ns) / 1e9) + " s" }
        if ns >= 1_000_000 { return short(Double(ns) / 1e6) + " ms" }
        if ns >= 1_000 { return short(Double(ns) / 1e3) + " us" }
        return "\(ns) ns"
    }

    // ----- SVG ---------------------------------------------------------------------------------

    /// The thread's lane label: its name, with its id when another thread has the same name.
    static func label(_ t: GILTimeline, _ th: GILTimeline.ThreadInfo) -> String {
        t.threads.filter { $0.name == th.name }.count > 1 ? "\(th.name) #\(th.id)" : th.name
    }

    static func svg(_ t: GILTimeline, command: String, machine: String) -> String {
        let left = 160, plotWidth = 1000, laneHeight = 22, laneGap = 6, top = 64
        let width = left + plotWidth + 20
        let lanesHeight = t.threads.count * (laneHeight + laneGap)
        let height = top + lanesHeight + 90
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out: [String] = []
        out.append(##"<?xml version="1.0" encoding="UTF-8"?>"##)
        out.append(##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="\##(height)" viewBox="0 0 \##(width) \##(height)" font-family="sans-serif" font-size="12">"##)
        out.append(##"<rect x="0" y="0" width="\##(width)" height="\##(height)" fill="#ffffff"/>"##)
        out.append(##"<text x="10" y="20" font-size="14" font-weight="bold">\##(esc(command))</text>"##)
        out.append(##"<text x="10" y="38" fill="#555555">\##(esc(machine)); \##(esc(timeLabel(t.duration))) recorded</text>"##)
        var totalMerged = 0
        for (i, th) in t.threads.enumerated() {
            let y = top + i * (laneHeight + laneGap)
            out.append(##"<g class="lane" data-thread="\##(th.id)">"##)
            out.append(##"<text x="10" y="\##(y + 15)">\##(esc(label(t, th)))</text>"##)
            out.append(##"<rect x="\##(left)" y="\##(y)" width="\##(plotWidth)" height="\##(laneHeight)" fill="#f4f4f4"/>"##)
            let (cells, merged) = columns(t, thread: th.id, columns: plotWidth)
            totalMerged += merged
            var x = 0
            while x < cells.count {
                guard let state = cells[x] else { x += 1; continue }
                var end = x + 1
                while end < cells.count, cells[end] == state { end += 1 }
                out.append(##"<rect x="\##(left + x)" y="\##(y)" width="\##(end - x)" height="\##(laneHeight)" fill="\##(colours[state]!)"><title>\##(state.title)</title></rect>"##)
                x = end
            }
            out.append("</g>")
        }
        // Time axis.
        let axisY = top + lanesHeight + 4
        out.append(##"<line x1="\##(left)" y1="\##(axisY)" x2="\##(left + plotWidth)" y2="\##(axisY)" stroke="#000000"/>"##)
        let step = axisStep(t.duration, ticks: 10)
        var tick: UInt64 = 0
        while tick <= t.duration, t.duration > 0 {
            let x = left + Int(Double(tick) / Double(t.duration) * Double(plotWidth))
            out.append(##"<line x1="\##(x)" y1="\##(axisY)" x2="\##(x)" y2="\##(axisY + 5)" stroke="#000000"/>"##)
            out.append(##"<text x="\##(x)" y="\##(axisY + 18)" text-anchor="middle">\##(esc(timeLabel(tick)))</text>"##)
            tick += step
        }
        // Legend.
        let legendY = axisY + 36
        var lx = left
        for state in GILState.allCases {
            out.append(##"<rect x="\##(lx)" y="\##(legendY)" width="12" height="12" fill="\##(colours[state]!)"/>"##)
            out.append(##"<text x="\##(lx + 16)" y="\##(legendY + 11)">\##(esc(state.title))</text>"##)
            lx += 190
        }
        let note = totalMerged > 0
            ? "\(totalMerged) slices shorter than a pixel (\(timeLabel(t.duration / UInt64(plotWidth)))) merged: each pixel shows the state that filled most of it"
            : "every slice is drawn at its true width"
        out.append(##"<text x="\##(left)" y="\##(legendY + 32)" fill="#555555">\##(esc(note))</text>"##)
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    // ----- terminal ----------------------------------------------------------------------------

    static let plainChars: [GILState: Character] = [.holding: "#", .waiting: ".", .forced: "!", .native: "=", .blocked: "_"]
    static let ansiColours: [GILState: String] = [.holding: "42", .waiting: "41", .forced: "43", .native: "44", .blocked: "47"]

    /// The terminal picture, every line at most `width` columns.
    static func terminal(_ t: GILTimeline, width: Int, colour: Bool) -> String {
        let width = max(width, 30)
        let nameWidth = min(20, max(4, t.threads.map { label(t, $0).count }.max() ?? 4))
        let plot = width - nameWidth - 3
        var lines: [String] = []
        lines.append(String("GIL timeline, \(timeLabel(t.duration)), \(plot) columns".prefix(width)))
        var totalMerged = 0
        for th in t.threads {
            let (cells, merged) = columns(t, thread: th.id, columns: plot)
            totalMerged += merged
            let name = String(label(t, th).prefix(nameWidth)).padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            var bar = ""
            for cell in cells {
                if let cell {
                    bar += colour ? "\u{1B}[\(ansiColours[cell]!)m\(plainChars[cell]!)\u{1B}[0m" : String(plainChars[cell]!)
                } else {
                    bar += " "
                }
            }
            lines.append(name + " |" + bar + "|")
        }
        let end = timeLabel(t.duration)
        let axis = String(repeating: " ", count: nameWidth + 2) + "0"
            + String(repeating: " ", count: max(1, plot - 1 - end.count)) + end
        lines.append(String(axis.prefix(width)))
        let legend = GILState.allCases.map { "\(plainChars[$0]!) \($0.rawValue)" }.joined(separator: "  ")
        lines.append(String(legend.prefix(width)))
        if totalMerged > 0 {
            lines.append(String("(\(totalMerged) slices narrower than a column merged: each shows its dominant state)".prefix(width)))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
