import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { messageOf } from '../../../../services/errors'
import {
  checkQuizAnswer,
  fetchGuide,
  fetchQuiz,
  submitQuiz,
  WASTE_PAGES,
  type WasteCategoryGuide,
  type WasteCategoryId,
  type WasteQuizAnswersResponse,
  type WasteQuizResponse,
  type WasteQuizResult,
} from '../../api'
import './index.scss'

const QUESTIONS = 10

function verdict(score: number, total: number): string {
  const r = total ? score / total : 0
  if (r === 1) return '全部答对，分类达人！'
  if (r >= 0.8) return '很棒，继续保持！'
  if (r >= 0.6) return '还不错，看看错题的解析吧'
  return '再看看分类指南，下次一定行'
}

/**
 * 分类小测验: 10 items; after each pick the page says at once whether it was right, the right bin and
 * why (the server marks each answer), then the score and every question's explanation at the end.
 */
export default function WasteQuiz() {
  const [guide, setGuide] = useState<WasteCategoryGuide[]>([])
  const [quiz, setQuiz] = useState<WasteQuizResponse | null>(null)
  const [answers, setAnswers] = useState<Record<string, WasteCategoryId>>({})
  const [index, setIndex] = useState(0)
  const [result, setResult] = useState<WasteQuizAnswersResponse | null>(null)
  /** the feedback on each answered question, by question id */
  const [feedback, setFeedback] = useState<Record<string, WasteQuizResult>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const start = () => {
    setBusy(true)
    setError('')
    setResult(null)
    setAnswers({})
    setFeedback({})
    setIndex(0)
    Promise.all([fetchGuide(), fetchQuiz(QUESTIONS)])
      .then(([g, q]) => {
        setGuide(g.categories)
        setQuiz(q)
      })
      .catch((e) => setError(messageOf(e)))
      .finally(() => setBusy(false))
  }
  useEffect(start, [])

  const submit = (all: Record<string, WasteCategoryId>) => {
    if (!quiz) return
    setBusy(true)
    submitQuiz(
      quiz.quizId,
      quiz.questions.filter((q) => all[q.id]).map((q) => ({ id: q.id, category: all[q.id] })),
    )
      .then((r) => {
        setResult(r)
        Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
      })
      .catch((e) => setError(messageOf(e)))
      .finally(() => setBusy(false))
  }

  const choose = (category: WasteCategoryId) => {
    if (!quiz || busy) return
    const q = quiz.questions[index]
    if (feedback[q.id]) return // answered: the feedback stays until 下一题
    setAnswers({ ...answers, [q.id]: category })
    setBusy(true)
    checkQuizAnswer(quiz.quizId, q.id, category)
      .then((r) => setFeedback((f) => ({ ...f, [q.id]: r })))
      .catch((e) => setError(messageOf(e)))
      .finally(() => setBusy(false))
  }

  const next = () => {
    if (!quiz) return
    if (index + 1 < quiz.questions.length) setIndex(index + 1)
    else submit(answers)
  }

  const colorOf = (id: string) => guide.find((g) => g.id === id)?.colorHex ?? '#8a94a6'

  if (error) {
    return (
      <View className='page quiz'>
        <View className='empty'>
          <View>{error}</View>
          <View className='btn btn--primary btn--small quiz__retry' onClick={start}>
            重新开始
          </View>
        </View>
      </View>
    )
  }

  if (result) {
    return (
      <View className='page quiz'>
        <View className='card quiz__score'>
          <View className='quiz__score-num'>
            <Text className='quiz__score-big'>{result.score}</Text>
            <Text className='quiz__score-total'> / {result.total}</Text>
          </View>
          <View className='quiz__verdict'>{verdict(result.score, result.total)}</View>
        </View>
        {result.results.map((r, i) => (
          <View key={r.id} className={`card quiz__result ${r.correct ? 'quiz__result--ok' : 'quiz__result--bad'}`}>
            <View className='quiz__result-top'>
              <Text className='quiz__result-name'>
                {i + 1}. {r.name}
              </Text>
              <Text className={`quiz__mark ${r.correct ? 'quiz__mark--ok' : 'quiz__mark--bad'}`}>{r.correct ? '✓ 答对' : '✗ 答错'}</Text>
            </View>
            <View className='quiz__result-cat'>
              正确分类：
              <Text style={{ color: colorOf(r.category), fontWeight: 600 }}>{r.categoryName}</Text>
              {!r.correct && r.answer ? <Text className='muted'>（你选了{guide.find((g) => g.id === r.answer)?.zh ?? r.answer}）</Text> : null}
            </View>
            <View className='quiz__explain'>{r.explanation}</View>
          </View>
        ))}
        <View className='quiz__actions'>
          <View className='btn btn--primary quiz__again' onClick={start}>
            再测一次
          </View>
          <View className='btn' onClick={() => Taro.navigateTo({ url: WASTE_PAGES.guide() })}>
            查看分类指南
          </View>
        </View>
        <View className='quiz__notice'>{quiz?.notice}</View>
      </View>
    )
  }

  if (!quiz) return <View className='page quiz'><View className='loading-more'>题目加载中…</View></View>

  const q = quiz.questions[index]
  const fb = feedback[q.id]
  const progress = ((index + (answers[q.id] ? 1 : 0)) / quiz.questions.length) * 100
  return (
    <View className='page quiz'>
      <View className='quiz__progress'>
        <View className='quiz__progress-bar' style={{ width: `${progress}%` }} />
      </View>
      <View className='quiz__count muted'>
        第 {index + 1} 题 / 共 {quiz.questions.length} 题
      </View>
      <View className='card quiz__question'>
        <View className='muted'>这件物品应该投到哪个桶？</View>
        <View className='quiz__item'>{q.name}</View>
      </View>
      <View className='quiz__options'>
        {guide.map((g) => (
          <View
            key={g.id}
            className={`quiz__option ${answers[q.id] === g.id ? 'quiz__option--on' : ''} ${fb && fb.category !== g.id && answers[q.id] !== g.id ? 'quiz__option--dim' : ''}`}
            style={{ background: g.colorHex }}
            onClick={() => choose(g.id)}
          >
            <Text className='quiz__option-name'>{g.zh}</Text>
            <Text className='quiz__option-bin'>{g.colorZh}桶</Text>
          </View>
        ))}
      </View>
      {fb ? (
        <View className={`card quiz__feedback ${fb.correct ? 'quiz__feedback--ok' : 'quiz__feedback--bad'}`}>
          <View className={`quiz__mark ${fb.correct ? 'quiz__mark--ok' : 'quiz__mark--bad'}`}>{fb.correct ? '✓ 答对了' : '✗ 答错了'}</View>
          <View className='quiz__result-cat'>
            正确分类：
            <Text style={{ color: colorOf(fb.category), fontWeight: 600 }}>{fb.categoryName}</Text>
          </View>
          <View className='quiz__explain'>{fb.explanation}</View>
          <View className='btn btn--primary quiz__next' onClick={next}>
            {index + 1 < quiz.questions.length ? '下一题' : '查看成绩'}
          </View>
        </View>
      ) : null}
      {busy ? <View className='loading-more'>{fb ? '正在评分…' : '正在核对…'}</View> : null}
    </View>
  )
}
