import { describe, expect, it } from 'vitest'
import { CreateComplaintRequest } from '@cgt/shared/schemas/complaints'
import { EMPTY_FORM, daysLeftText, fieldError, toComplaintBody, validateComplaint, type ComplaintForm } from './validate'

const ok: ComplaintForm = {
  type: 'appeal',
  content: '小区门口烧烤摊每晚营业到凌晨两点，油烟和噪音扰民',
  request: '取缔夜间烧烤摊',
  facts: '',
  name: '王建国',
  idNumber: '430602198503121237',
  phone: '139 1234 5678',
  address: '岳阳楼区某小区 3 栋',
}

describe('我要信访 client checks', () => {
  it('an empty form lists every required field', () => {
    expect(Object.keys(validateComplaint(EMPTY_FORM)).sort()).toEqual(['address', 'content', 'idNumber', 'name', 'phone', 'request', 'type'])
  })
  it('a complete form passes', () => {
    expect(validateComplaint(ok)).toEqual({})
  })
  it('ID number: format, checksum, birth date (shared validator); lower-case x accepted', () => {
    expect(fieldError({ ...ok, idNumber: '43060219850312123' }, 'idNumber')).toBe('身份证号码应为 18 位（最后一位可为 X）')
    expect(fieldError({ ...ok, idNumber: '430602198503121238' }, 'idNumber')).toBe('身份证号码校验位不正确，请核对')
    expect(fieldError({ ...ok, idNumber: '430602198502301237' }, 'idNumber')).toBe('身份证号码中的出生日期不正确')
    expect(fieldError({ ...ok, idNumber: '11010519491231002x' }, 'idNumber')).toBeUndefined()
  })
  it('phone: mobile (spaces, +86) or landline with area code', () => {
    expect(fieldError({ ...ok, phone: '+86 139 1234 5678' }, 'phone')).toBeUndefined()
    expect(fieldError({ ...ok, phone: '0730-8888888' }, 'phone')).toBeUndefined()
    expect(fieldError({ ...ok, phone: '12345' }, 'phone')).toBe('请输入正确的手机号或带区号的固定电话')
  })
  it('phone: a mobile is sent as its digits, a landline as typed', () => {
    expect(toComplaintBody({ ...ok, phone: '+86 139 1234 5678' }, []).petitioner.phone).toBe('13912345678')
    expect(toComplaintBody({ ...ok, phone: ' 0730-8123456 ' }, []).petitioner.phone).toBe('0730-8123456')
  })
  it('phone: the page and the server refuse a malformed number with the same message', () => {
    const server = CreateComplaintRequest.safeParse(toComplaintBody({ ...ok, phone: '0730-12' }, []))
    expect(server.success).toBe(false)
    expect(server.error!.issues.map((i) => i.message)).toContain(fieldError({ ...ok, phone: '0730-12' }, 'phone'))
  })
  it('the body is normalised and omits empty facts', () => {
    expect(toComplaintBody({ ...ok, idNumber: '11010519491231002x' }, ['u1'])).toEqual({
      type: 'appeal',
      content: ok.content,
      request: ok.request,
      petitioner: { name: '王建国', idNumber: '11010519491231002X', phone: '13912345678', address: '岳阳楼区某小区 3 栋' },
      photoIds: ['u1'],
    })
  })
  it('days left', () => {
    expect(daysLeftText(5, false)).toBe('剩 5 天')
    expect(daysLeftText(0, false)).toBe('今天到期')
    expect(daysLeftText(-2, true)).toBe('已超期 2 天')
  })
})
