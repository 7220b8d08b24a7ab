-- terminal.lua: headings for the terminal edition of a chapter.
-- pandoc's plain writer prints headings as bare lines; we number them the
-- way the HTML book does (the chapter number comes in as the metadata field
-- `chapter`, in Roman numerals as `roman`) and underline the top two levels so they stand out in a pager.

local counts = {0, 0, 0, 0, 0, 0}

function Pandoc(doc)
  local chapter = tonumber(pandoc.utils.stringify(doc.meta.chapter or "0"))
  local roman = pandoc.utils.stringify(doc.meta.roman or "")
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
        local parts = {tostring(chapter)}
        for i = 2, level do parts[#parts + 1] = tostring(counts[i]) end
        number = table.concat(parts, ".") .. "  "
      end
      local line = number .. text
      if level == 1 then
        line = string.upper("Chapter " .. roman .. ". " .. text)
      end
      local inlines = {pandoc.Str(line)}
      if level <= 2 then
        local rule = level == 1 and "=" or "-"
        inlines[#inlines + 1] = pandoc.LineBreak()
        inlines[#inlines + 1] = pandoc.Str(string.rep(rule, math.min(#line, 79)))
      end
      blocks[#blocks + 1] = pandoc.Plain(inlines)
    else
      blocks[#blocks + 1] = b
    end
  end
  return pandoc.Pandoc(blocks, doc.meta)
end
