-- terminal.lua: headings for the terminal edition of a chapter.
-- pandoc's plain writer prints headings as bare lines; we number them the
-- way the HTML book does (the chapter number comes in as the metadata field
-- `chapter`, in Roman numerals as `roman`) and underline the top two
-- levels so they stand out in a pager.  Tables are narrowed to fit 80
-- columns, and when the weaver folded a line of code too wide for them
-- (metadata `folded`, the mark it used) a note under the chapter heading
-- says so.

local counts = {0, 0, 0, 0, 0, 0}

-- pandoc gives a wide table the whole width and then adds its indent and
-- the gaps between columns; nine tenths of it leaves room for those.
function Table(t)
  local n = #t.colspecs
  local widths, total = {}, 0
  for i, cs in ipairs(t.colspecs) do
    local w = cs[2]
    if type(w) ~= "number" or w <= 0 then w = 1 / n end
    widths[i] = w
    total = total + w
  end
  for i, cs in ipairs(t.colspecs) do
    t.colspecs[i] = {cs[1], widths[i] / total * 0.9}
  end
  return t
end

function Pandoc(doc)
  -- An appendix passes its letter for both, and `kind` Appendix.
  local chapter = pandoc.utils.stringify(doc.meta.chapter or "0")
  local roman = pandoc.utils.stringify(doc.meta.roman or "")
  local kind = pandoc.utils.stringify(doc.meta.kind or "Chapter")
  local folded = doc.meta.folded and pandoc.utils.stringify(doc.meta.folded)
  local blocks = {}
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" then
      local level = b.level
      counts[level] = counts[level] + 1
      for i = level + 1, #counts do counts[i] = 0 end
      local text = pandoc.utils.stringify(b.content)
      local number
      if level == 1 then
        number = ""
      else
        local parts = {chapter}
        for i = 2, level do parts[#parts + 1] = tostring(counts[i]) end
        number = table.concat(parts, ".") .. "  "
      end
      local line = number .. text
      if level == 1 then
        line = string.upper(kind .. " " .. roman .. ". " .. text)
      end
      local inlines = {pandoc.Str(line)}
      if level <= 2 then
        local rule = level == 1 and "=" or "-"
        inlines[#inlines + 1] = pandoc.LineBreak()
        inlines[#inlines + 1] = pandoc.Str(string.rep(rule, math.min(#line, 79)))
      end
      blocks[#blocks + 1] = pandoc.Plain(inlines)
      if level == 1 and folded then
        local note = pandoc.read("*In this edition a line of code too "
          .. "wide for the terminal goes on in the next line, after the "
          .. "mark " .. folded .. ".*", "markdown")
        blocks[#blocks + 1] = note.blocks[1]
      end
    else
      blocks[#blocks + 1] = b
    end
  end
  return pandoc.Pandoc(blocks, doc.meta)
end
